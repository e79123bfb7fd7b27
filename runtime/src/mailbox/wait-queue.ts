import type { Envelope } from './envelope.js';

/** A producer waiting for room in a full backpressure mailbox. */
interface Waiter {
  readonly env: Envelope;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Producers (`send`, `ask`) waiting for room in a full `backpressure` mailbox, in arrival order.
 * Each holds exactly one message, so the queue is bounded by the number of waiting producers.
 */
export class WaitQueue {
  private waiters: Waiter[] = [];

  get length(): number {
    return this.waiters.length;
  }

  /** Waits until `admit` hands the envelope over (or `rejectAll` refuses it). */
  wait(env: Envelope): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ env, resolve, reject }));
  }

  /** Hands waiting envelopes to `accept` while `hasRoom()`; skips ones whose asker gave up. */
  admit(hasRoom: () => boolean, accept: (env: Envelope) => void): void {
    while (this.waiters.length > 0 && hasRoom()) {
      const w = this.waiters.shift() as Waiter;
      if (!w.env.cancelled) accept(w.env);
      w.resolve();
    }
  }

  /** Refuses every waiter (the actor stopped), reporting each envelope first. */
  rejectAll(report: (env: Envelope) => void, error: () => Error): void {
    for (const w of this.waiters.splice(0)) {
      report(w.env);
      w.reject(error());
    }
  }
}
