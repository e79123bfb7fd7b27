import type { Observable } from 'rxjs';
import { nextId } from '../types/ids.js';
import { progress as progressPart } from '../parts.js';
import type { ActorContext, ActorRef, AskOptions, LifecycleHandle, Origin, SpawnOptions, Spawnable, SystemFacade } from '../types/actor.js';
import type { Message, MessageInput } from '../types/message.js';
import type { Part } from '../types/part.js';
import type { Envelope } from '../mailbox/envelope.js';
import { toPart } from './result-pump.js';

/** The slice of a cell the context needs. */
export interface ContextHost {
  readonly ref: ActorRef;
  readonly system: SystemFacade;
  readonly address: string;
  readonly lifecycleHandle: LifecycleHandle | undefined;
  emitProgress(note: string, ratio: number | undefined): void;
}

/** Aborts the envelope's controller (creating it if needed). */
export function abortEnvelope(env: Envelope, reason: Error): void {
  const ctl = (env.abort ??= new AbortController());
  if (!ctl.signal.aborted) ctl.abort(reason);
}

/**
 * The message that answers `to` when there is no ask stream to answer on (a `tell` with a
 * sender): role `agent`, `replyTo` set. A message with `replyTo` gets no such answer back, so two
 * actors that answer each other cannot loop.
 */
export function replyMessage(to: Message, parts: readonly Part[]): Message {
  const base = { id: nextId('msg'), role: 'agent' as const, parts, replyTo: to.id };
  return to.conversationId === undefined ? base : { ...base, conversationId: to.conversationId };
}

/** A handler's view of one message. Created per message; everything heavy is lazy. */
export class MessageContext implements ActorContext {
  constructor(private readonly host: ContextHost, private readonly env: Envelope) {}

  get self(): ActorRef { return this.host.ref; }
  get system(): SystemFacade { return this.host.system; }
  get message(): Message { return this.env.message; }
  get sender(): ActorRef | undefined { return this.env.sender; }
  get origin(): Origin | undefined { return this.env.origin; }
  get lifecycle(): LifecycleHandle | undefined { return this.host.lifecycleHandle; }
  get signal(): AbortSignal { return (this.env.abort ??= new AbortController()).signal; }

  reply(...items: (Part | string)[]): void {
    const parts = items.map(toPart);
    const sink = this.env.sink;
    if (sink) {
      if (!sink.closed) for (const p of parts) sink.next(p);
      return;
    }
    this.env.sender?.tell(replyMessage(this.env.message, parts), { sender: this.host.ref });
  }

  progress(note: string, ratio?: number): void {
    this.host.emitProgress(note, ratio);
    const sink = this.env.sink;
    if (sink && !sink.closed) sink.next(progressPart(note, ratio));
  }

  spawn(target: Spawnable, options?: SpawnOptions): ActorRef {
    return this.host.system.spawn(target, { ...options, parent: this.host.ref });
  }

  tell(target: ActorRef, message: MessageInput): boolean {
    return target.tell(message, { sender: this.host.ref, origin: this.env.origin });
  }

  send(target: ActorRef, message: MessageInput): Promise<void> {
    return target.send(message, { sender: this.host.ref, origin: this.env.origin });
  }

  ask(target: ActorRef, message: MessageInput, options?: AskOptions): Observable<Part> {
    // This message's cancellation and its asker's back-pressure flow down to the nested ask, so a
    // forwarding actor (a session, a pipeline stage) is transparent to both.
    const env = this.env;
    return target.ask(message, {
      sender: this.host.ref,
      origin: env.origin,
      signal: this.signal,
      ...(env.ready ? { ready: env.ready } : {}),
      ...options,
    });
  }

}
