import { EMPTY, Observable } from 'rxjs';
import {
  nextId, realClock, toMessage, TroupeError, type ActorEvent, type ActorRef, type AskOptions, type Behavior,
  type BehaviorFactory, type Clock, type Message, type MessageInput, type Part, type SendOptions, type TimerHandle,
} from '@troupe/runtime';

/** How a workflow asks one of its members: directly, or through an actor's context. */
export type AskFn = (target: ActorRef, message: MessageInput, options?: AskOptions) => Observable<Part>;

/** The composition itself: given the input and a way to ask members, the output stream. */
export type Composition = (input: Message, ask: AskFn) => Observable<Part>;

/** Options every workflow takes. */
export interface WorkflowOptions {
  /**
   * Times `timeoutMs` when the workflow is asked directly (a spawned workflow is timed by its
   * system's clock). Default: the real clock; a `SimulatedClock` in tests.
   */
  readonly clock?: Clock;
}

/**
 * Once an ask is cancelled no further member is started (the next pipeline stage, a handoff
 * target, a route chosen late): the running ones wind down and the workflow ends with what they
 * emitted, instead of carrying a cancelled turn through every remaining stage.
 */
function stopAfterCancel(signal: AbortSignal, ask: AskFn): AskFn {
  return (target, message, options) => (signal.aborted ? EMPTY : ask(target, message, options));
}

/**
 * A workflow is itself an actor ref: `ask` runs the composition and streams its output, `tell`
 * runs it and discards the output. It is also a behavior factory, so `system.spawn(flow)` hosts it
 * as a supervised actor with a mailbox (then its asks carry the actor as sender).
 *
 * Either way an ask honours `signal`, `timeoutMs` and unsubscribing: the cancel reaches every
 * running member at once (their handlers' `ctx.signal` fires) and no further member starts.
 */
export class WorkflowRef implements ActorRef, BehaviorFactory {
  readonly address: string;
  readonly state = 'idle';
  readonly events$: Observable<ActorEvent> = EMPTY;
  private readonly clock: Clock;

  constructor(readonly name: string, private readonly compose: Composition, options: WorkflowOptions = {}) {
    this.address = `troupe://workflow/${name}-${nextId('w').split('-').pop() ?? '0'}`;
    this.clock = options.clock ?? realClock;
  }

  ask(message: MessageInput, options: AskOptions = {}): Observable<Part> {
    const input = toMessage(message);
    const { signal, timeoutMs } = options;
    return new Observable<Part>((subscriber) => {
      // One controller per ask, handed to every member ask: the caller's signal aborts it, so each
      // running member's handler sees the cancel in the same turn (unsubscribing and the timeout
      // reach them through the teardown).
      const cancel = new AbortController();
      const onAbort = (): void => cancel.abort(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      const pass: AskOptions = {
        signal: cancel.signal,
        ...(options.sender ? { sender: options.sender } : {}),
        ...(options.origin ? { origin: options.origin } : {}),
        ...(options.ready ? { ready: options.ready } : {}),
      };
      let timer: TimerHandle | undefined;
      if (timeoutMs !== undefined) {
        timer = this.clock.setTimeout(() => {
          timer = undefined;
          // Erroring first runs the teardown, which cancels every running member; aborting first
          // would let members that wind down complete the stream before the timeout is seen.
          subscriber.error(new TroupeError('ASK_TIMEOUT', `no complete answer from workflow ${this.name} within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      const ask = stopAfterCancel(cancel.signal, (target, msg, extra) => target.ask(msg, { ...pass, ...extra }));
      const sub = this.compose(input, ask).subscribe({
        next: (p) => subscriber.next(p),
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
      return () => {
        if (timer !== undefined) this.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        sub.unsubscribe();
      };
    });
  }

  tell(message: MessageInput, options?: SendOptions): boolean {
    this.ask(message, options).subscribe({ error: () => {} });
    return true;
  }

  send(message: MessageInput, options?: SendOptions): Promise<void> {
    this.tell(message, options);
    return Promise.resolve();
  }

  createBehavior(): Behavior {
    return {
      card: { name: this.name, description: `workflow ${this.name}` },
      // The context passes this message's signal (asker's signal, timeout, unsubscribe, stop) to
      // every member ask; a cancelled message starts no further member.
      receive: (message, ctx) => this.compose(message, stopAfterCancel(ctx.signal, (target, msg, extra) => ctx.ask(target, msg, extra))),
    };
  }
}
