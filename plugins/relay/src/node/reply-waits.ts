import type { Clock } from '@troupe/runtime';
import { MESSAGE_DEQUE_SIZE, type ReplyFrame } from '@troupe/protocol-relay';

/** One wait for an `acp.reply`. */
interface Waiter {
  readonly resolve: (reply: ReplyFrame | undefined) => void;
}

/**
 * Waits for `acp.reply` frames by correlation id (§2.11): synchronous sends and `GET /wait`.
 * Several waits for one id each get the reply. A reply nobody waited for is kept (the last
 * `keep`, default the message-deque bound) so a `GET /wait` that starts just after it came still
 * finds it; sends never look there, so a reused message id cannot pick up an old answer.
 *
 *   await(id) ──► waiting ──reply──► resolved(reply)
 *                    └─────timeout / cancel / stop──► resolved(undefined)
 *   reply with nobody waiting ──► unclaimed (until `keep` newer ones push it out)
 *
 * @example
 * const waits = new ReplyWaits(clock);
 * const reply = waits.await('msg_1', 30_000);
 * waits.complete(replyFrame); // true: the wait above resolves with it
 */
export class ReplyWaits {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly unclaimed = new Map<string, ReplyFrame>();

  constructor(
    private readonly clock: Clock,
    private readonly keep = MESSAGE_DEQUE_SIZE,
  ) {}

  /** Resolves with the reply to `correlationId`, or `undefined` after `timeoutMs`. */
  await(correlationId: string, timeoutMs: number): Promise<ReplyFrame | undefined> {
    return new Promise((resolve) => {
      let timer: unknown;
      const waiter: Waiter = {
        resolve: (reply) => {
          this.clock.clearTimeout(timer);
          this.drop(correlationId, waiter);
          resolve(reply);
        },
      };
      timer = this.clock.setTimeout(() => waiter.resolve(undefined), timeoutMs);
      const list = this.waiters.get(correlationId);
      if (list) list.push(waiter);
      else this.waiters.set(correlationId, [waiter]);
    });
  }

  /** Completes every wait for the reply's correlation id; false (and kept) when nobody waits. */
  complete(reply: ReplyFrame): boolean {
    const list = this.waiters.get(reply.correlation_id);
    if (list) {
      for (const w of list.slice()) w.resolve(reply); // resolving removes the waiter from `list`
      return true;
    }
    this.unclaimed.delete(reply.correlation_id);
    this.unclaimed.set(reply.correlation_id, reply);
    if (this.unclaimed.size > this.keep) {
      const oldest = this.unclaimed.keys().next().value;
      if (oldest !== undefined) this.unclaimed.delete(oldest);
    }
    return false;
  }

  /** A kept reply that came with nobody waiting. Not taken: a repeated wait sees it too. */
  unclaimedReply(correlationId: string): ReplyFrame | undefined {
    return this.unclaimed.get(correlationId);
  }

  /** True while a wait for this id is open (a probe for tests and inspection). */
  isWaiting(correlationId: string): boolean {
    return this.waiters.has(correlationId);
  }

  /** Ends every wait for this id without a reply. */
  cancel(correlationId: string): void {
    const list = this.waiters.get(correlationId);
    if (list) for (const w of list.slice()) w.resolve(undefined);
  }

  /** Ends every wait without a reply (node stop). */
  stop(): void {
    for (const id of this.waiters.keys()) this.cancel(id); // a Map iterator tolerates deletion
  }

  private drop(correlationId: string, waiter: Waiter): void {
    const list = this.waiters.get(correlationId);
    const at = list === undefined ? -1 : list.indexOf(waiter);
    if (list === undefined || at === -1) return;
    list.splice(at, 1);
    if (list.length === 0) this.waiters.delete(correlationId);
  }
}
