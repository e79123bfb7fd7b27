import { Observable } from 'rxjs';
import { Envelope } from '../mailbox/envelope.js';
import { toMessage } from '../parts.js';
import type { ActorEvent, ActorRef, AskOptions, SendOptions } from '../types/actor.js';
import type { MessageInput } from '../types/message.js';
import type { Part } from '../types/part.js';
import { TroupeError } from '../types/troupe-error.js';
import { abortEnvelope } from './message-context.js';
import { VALIDATED_PARTS } from './result-pump.js';

/** What a ref needs of its cell (an interface, so refs never import the cell). */
export interface RefTarget {
  readonly name: string;
  readonly address: string;
  readonly state: string;
  readonly events$: Observable<ActorEvent>;
  readonly sys: { readonly clock: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void } };
  enqueue(env: Envelope): boolean;
  enqueueWaiting(env: Envelope): Promise<void>;
  enqueueAsk(env: Envelope): void;
  cancel(env: Envelope): void;
}

/**
 * The ActorRef of a local actor. Validates input at the boundary (a malformed part throws
 * `TroupeError('INVALID_PART')` right at the call), then hands an envelope to the cell.
 */
export class LocalRef implements ActorRef {
  constructor(private readonly cell: RefTarget) {}

  get address(): string { return this.cell.address; }
  get name(): string { return this.cell.name; }
  get state(): string { return this.cell.state; }
  get events$(): Observable<ActorEvent> { return this.cell.events$; }

  tell(message: MessageInput, options?: SendOptions): boolean {
    return this.cell.enqueue(new Envelope(toMessage(message), options?.sender, options?.origin, undefined));
  }

  send(message: MessageInput, options?: SendOptions): Promise<void> {
    let env: Envelope;
    try {
      env = new Envelope(toMessage(message), options?.sender, options?.origin, undefined);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.cell.enqueueWaiting(env);
  }

  ask(message: MessageInput, options?: AskOptions): Observable<Part> {
    const msg = toMessage(message);
    const cell = this.cell;
    const stream = new Observable<Part>((subscriber) => {
      const env = new Envelope(msg, options?.sender, options?.origin, subscriber, options?.ready);
      const signal = options?.signal;
      const onAbort = (): void => abortEnvelope(env, new TroupeError('CANCELLED', 'the asker cancelled the request'));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      let timer: unknown;
      let timedOut: TroupeError | undefined;
      if (options?.timeoutMs !== undefined) {
        timer = cell.sys.clock.setTimeout(() => {
          timer = undefined;
          // Fail the asker before the handler hears of it: a handler that winds down on abort
          // would otherwise complete the stream first and turn the timeout into a success.
          timedOut = new TroupeError('ASK_TIMEOUT', `no complete answer from ${cell.address} within ${options.timeoutMs} ms`);
          subscriber.error(timedOut);
        }, options.timeoutMs);
      }
      cell.enqueueAsk(env);
      return () => {
        if (timer !== undefined) cell.sys.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (timedOut) abortEnvelope(env, timedOut);
        cell.cancel(env);
      };
    });
    // The cell validated every part it emits; a forwarding actor need not check them again.
    return Object.assign(stream, { [VALIDATED_PARTS]: true });
  }

  toString(): string {
    return this.address;
  }
}
