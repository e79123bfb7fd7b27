import { Observable, Subject, type Subscriber } from 'rxjs';
import {
  toMessage, TroupeError, type ActorEvent, type ActorRef, type AskOptions, type Clock, type Message, type MessageInput,
  type Part, type SendOptions, type TimerHandle,
} from '@troupe/runtime';

/** State of the link to a remote agent, emitted on `events$` as `state` events. */
export type LinkState = 'connecting' | 'up' | 'down' | 'closed';

/** Where a subclass pushes the answer of one remote turn; calls after the end are ignored. */
export interface RemoteReply {
  /** One part of the answer, in order, as soon as it arrives. */
  next(part: Part): void;
  /** The remote turn ended normally. */
  complete(): void;
  /** The remote turn failed: a `TroupeError` with the protocol's error as `cause` (see `ProtocolError`). */
  error(err: TroupeError): void;
}

/** One running remote turn, as `startAsk` hands it back to the base. */
export interface RemoteTurn {
  /**
   * Stop the remote turn (the remote handler's signal should fire). Called at most once: on the
   * asker's `signal`, on unsubscribe before the end, on `timeoutMs`, or when the link closes.
   */
  cancel(reason: TroupeError): void;
  /** Stop reading parts from the source while the consumer is not ready (optional). */
  pause?(): void;
  /** Read again after `pause` (optional). */
  resume?(): void;
}

/** What every remote ref is built with. */
export interface RemoteRefInit {
  readonly address: string;
  readonly name: string;
  /** The system clock: `timeoutMs` is measured on it (a `SimulatedClock` in tests). */
  readonly clock: Clock;
  /** Link state at construction. Default `connecting`. */
  readonly state?: LinkState;
}

/**
 * The base of every ref to an agent behind a protocol plugin (relay, stdio, …), so remote refs
 * behave like local ones beyond the happy path. The base owns the ActorRef semantics; a subclass
 * only moves messages:
 *
 * - `ask`: the subclass's `startAsk` pushes parts into a `RemoteReply`. The base honours
 *   `AskOptions.signal` (cancels the remote turn, the stream runs on until the subclass ends it),
 *   `timeoutMs` on the injected clock (`TroupeError('ASK_TIMEOUT')`, then cancel), unsubscribe
 *   before the end (cancel) and `ready` back-pressure (the next part is delivered only once the
 *   consumer's `ready()` settles; the turn is paused meanwhile).
 * - `tell` returns false when the link is closed or the subclass refuses (`offer` returns false).
 * - `events$` emits the link state (`setLinkState`); `closed` ends every running ask with
 *   `TroupeError('ACTOR_STOPPED')` and completes `events$`.
 *
 * @example
 * class EchoLink extends RemoteRef {
 *   protected startAsk(msg: Message, reply: RemoteReply): RemoteTurn {
 *     reply.next(msg.parts[0]!); reply.complete();
 *     return { cancel: () => {} };
 *   }
 *   protected offer(): boolean { return true; }
 *   protected async post(): Promise<void> {}
 * }
 */
export abstract class RemoteRef implements ActorRef {
  private readonly init: RemoteRefInit;
  protected readonly clock: Clock;
  private linkNow: LinkState;
  private readonly events = new Subject<ActorEvent>();
  /** Cancels of the asks still running, so closing the link ends them. */
  private readonly running = new Set<(reason: TroupeError) => void>();

  constructor(init: RemoteRefInit) {
    this.init = init;
    this.clock = init.clock;
    this.linkNow = init.state ?? 'connecting';
  }

  /** The remote agent's address, as given at construction (a subclass may refine it). */
  get address(): string { return this.init.address; }

  /** The remote agent's name, as given at construction (a subclass may refine it, e.g. from a card). */
  get name(): string { return this.init.name; }

  /** Link state changes (`state` events: `connecting`, `up`, `down`, `closed`). */
  get events$(): Observable<ActorEvent> { return this.events.asObservable(); }

  /** The link state. */
  get state(): LinkState { return this.linkNow; }

  /** Start one remote turn for `message`, feeding its answer to `reply`. */
  protected abstract startAsk(message: Message, reply: RemoteReply, options: AskOptions): RemoteTurn;

  /** Deliver or queue a fire-and-forget message; false when refused. */
  protected abstract offer(message: Message, options: SendOptions | undefined): boolean;

  /** Deliver a message, resolving once the remote side (or its queue) took it. */
  protected abstract post(message: Message, options: SendOptions | undefined): Promise<void>;

  /** Record a new link state; emits a `state` event when it changed. `closed` is final. */
  protected setLinkState(next: LinkState): void {
    const previous = this.linkNow;
    if (previous === next || previous === 'closed') return;
    this.linkNow = next;
    this.events.next({ type: 'state', value: next, previous });
    if (next !== 'closed') return;
    this.endAsks(new TroupeError('ACTOR_STOPPED', `the link to ${this.address} is closed`));
    this.events.complete();
  }

  /**
   * Ends every running ask with `reason` and cancels its remote turn, for a subclass whose link
   * lost what its turns need (a relay peer that went away cannot report their end).
   */
  protected endAsks(reason: TroupeError): void {
    // Each end tears its ask down, which deletes it from the set: safe while iterating a Set.
    for (const end of this.running) end(reason);
  }

  tell(message: MessageInput, options?: SendOptions): boolean {
    const msg = toMessage(message);
    return this.linkNow !== 'closed' && this.offer(msg, options);
  }

  send(message: MessageInput, options?: SendOptions): Promise<void> {
    let msg: Message;
    try {
      msg = toMessage(message);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.linkNow === 'closed') return Promise.reject(new TroupeError('ACTOR_STOPPED', `the link to ${this.address} is closed`));
    return this.post(msg, options);
  }

  ask(message: MessageInput, options: AskOptions = {}): Observable<Part> {
    const msg = toMessage(message);
    return new Observable<Part>((subscriber) => {
      if (this.linkNow === 'closed') {
        subscriber.error(new TroupeError('ACTOR_STOPPED', `the link to ${this.address} is closed`));
        return undefined;
      }
      return this.run(msg, options, subscriber);
    });
  }

  /** One ask from subscribe to teardown. */
  private run(msg: Message, options: AskOptions, subscriber: Subscriber<Part>): () => void {
    const flow = new ReplyFlow(subscriber, options.ready);
    let turn: RemoteTurn | undefined;
    let cancelled = false;
    let timer: TimerHandle | undefined;
    const cancel = (reason: TroupeError): void => {
      if (cancelled) return;
      cancelled = true;
      turn?.cancel(reason);
    };
    const endWith = (reason: TroupeError): void => {
      flow.fail(reason);
      cancel(reason);
    };
    const onAbort = (): void => cancel(new TroupeError('CANCELLED', 'the asker cancelled the request'));
    this.running.add(endWith);
    if (options.timeoutMs !== undefined) {
      const ms = options.timeoutMs;
      // Fail the asker before the remote side hears of it, as a local ask does: a remote turn that
      // winds down on cancel must not turn the timeout into a success.
      timer = this.clock.setTimeout(() => {
        timer = undefined;
        endWith(new TroupeError('ASK_TIMEOUT', `no complete answer from ${this.address} within ${ms} ms`));
      }, ms);
    }
    try {
      turn = this.startAsk(msg, flow, options);
      flow.onPause = (paused) => (paused ? turn?.pause?.() : turn?.resume?.());
      // Parts pushed during startAsk may already have left the consumer not ready.
      if (flow.waiting) turn.pause?.();
    } catch (err) {
      flow.fail(TroupeError.is(err) ? err : new TroupeError('HANDLER_FAILED', `ask to ${this.address} failed: ${String(err)}`, { cause: err }));
    }
    // A signal already aborted, or one that aborts while the remote turn runs, cancels it.
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    return () => {
      if (timer !== undefined) this.clock.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.running.delete(endWith);
      flow.close();
      if (!flow.ended) cancel(new TroupeError('CANCELLED', 'the asker unsubscribed'));
    };
  }
}

type Queued = { readonly part: Part } | { readonly end: TroupeError | undefined };

/**
 * The consumer side of one ask: parts pass straight through until the consumer's `ready()`
 * returns a pending promise; then they queue (and the turn is paused) until it settles.
 */
class ReplyFlow implements RemoteReply {
  /** Set once the remote side ended the turn (normally or with an error). */
  ended = false;
  onPause: ((paused: boolean) => void) | undefined;
  private readonly queue: Queued[] = [];
  /** True while the consumer's `ready()` promise is pending. */
  waiting = false;
  private closed = false;

  constructor(
    private readonly subscriber: Subscriber<Part>,
    private readonly ready: AskOptions['ready'],
  ) {}

  next(part: Part): void {
    if (this.ended || this.closed) return;
    if (this.waiting || this.queue.length > 0) {
      this.queue.push({ part });
      this.drain();
      return;
    }
    // The usual case, a consumer keeping up: straight through, no queue entry per part.
    this.subscriber.next(part);
    this.gate();
  }

  complete(): void {
    this.finish(undefined);
  }

  error(err: TroupeError): void {
    this.finish(err);
  }

  /** Ends the stream now with `err`, dropping queued parts (timeout, link closed). */
  fail(err: TroupeError): void {
    if (this.closed) return;
    this.ended = true;
    this.closed = true;
    this.queue.length = 0;
    this.subscriber.error(err);
  }

  /** The asker is gone: deliver nothing more. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private finish(end: TroupeError | undefined): void {
    if (this.ended || this.closed) return;
    this.ended = true;
    this.queue.push({ end });
    this.drain();
  }

  private drain(): void {
    while (!this.waiting && !this.closed) {
      const item = this.queue.shift();
      if (item === undefined) return;
      if ('end' in item) {
        this.closed = true;
        if (item.end === undefined) this.subscriber.complete();
        else this.subscriber.error(item.end);
        return;
      }
      this.subscriber.next(item.part);
      this.gate();
    }
  }

  /** Asks the consumer whether it is ready for more; a pending answer pauses the flow. */
  private gate(): void {
    const pending = this.ready?.();
    if (pending === undefined || typeof pending.then !== 'function') return;
    this.waiting = true;
    this.onPause?.(true);
    pending.then(
      () => this.resume(),
      // A consumer whose readiness check fails cannot take more: treat it as ready so the
      // stream ends rather than hanging (the failure is the consumer's to report).
      () => this.resume(),
    );
  }

  private resume(): void {
    this.waiting = false;
    this.onPause?.(false);
    this.drain();
  }
}
