import type { Subscriber } from 'rxjs';
import type { ActorRef, Origin } from '../types/actor.js';
import type { Message } from '../types/message.js';
import type { Part } from '../types/part.js';

/**
 * A message in a mailbox, with who sent it and where its reply goes. `sink` is set for asks.
 * Fixed shape (all fields assigned in the constructor) keeps V8 on one hidden class.
 */
export class Envelope {
  /** Set when the asker gave up while the message was still queued: skip it. */
  cancelled = false;
  /** Counted as finished (handled, refused or cancelled); guards against double counting. */
  settled = false;
  /** Created on first use of `ctx.signal` only. */
  abort: AbortController | undefined = undefined;
  constructor(
    readonly message: Message,
    readonly sender: ActorRef | undefined,
    readonly origin: Origin | undefined,
    readonly sink: Subscriber<Part> | undefined,
    /** The asker's back-pressure: awaited between items of an async-iterable answer. */
    readonly ready: (() => PromiseLike<void> | void) | undefined = undefined,
  ) {}
}
