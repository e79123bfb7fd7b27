import { filter, firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';
import type { ActorEvent, ActorRef, HandlerResult } from '../types/actor.js';
import type { Message } from '../types/message.js';
import type { Part } from '../types/part.js';
import type { ActorSystem } from '../system/actor-system.js';

interface Waiting {
  readonly match: (m: Message) => boolean;
  readonly resolve: (m: Message) => void;
}

/**
 * An actor that records every message it receives (with its sender), optionally answering with
 * `reply(message)`, plus helpers to await messages without sleeping.
 *
 * @example
 * const probe = createTestProbe(system);
 * someActor.tell('ping', { sender: probe.ref });
 * const reply = await probe.expectMessage();
 */
export class TestProbe {
  readonly received: Message[] = [];
  readonly senders: (ActorRef | undefined)[] = [];
  readonly ref: ActorRef;
  private waiting: Waiting[] = [];

  constructor(system: ActorSystem, options: { name?: string; reply?: (m: Message) => HandlerResult } = {}) {
    this.ref = system.spawn(
      (message, ctx) => {
        this.received.push(message);
        this.senders.push(ctx.sender);
        this.waiting = this.waiting.filter((w) => {
          if (!w.match(message)) return true;
          w.resolve(message);
          return false;
        });
        return options.reply?.(message);
      },
      options.name === undefined ? {} : { name: options.name },
    );
  }

  /** The next message matching `match` (already received ones count, oldest first). */
  expectMessage(match: (m: Message) => boolean = () => true): Promise<Message> {
    const seen = this.received.find(match);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => this.waiting.push({ match, resolve: (m) => {
      this.received.splice(this.received.indexOf(m), 1);
      resolve(m);
    } }));
  }
}

/** Spawns a TestProbe. */
export function createTestProbe(system: ActorSystem, options?: { name?: string; reply?: (m: Message) => HandlerResult }): TestProbe {
  return new TestProbe(system, options);
}

/** Every part an ask emits, once it completes. */
export function collect(stream: Observable<Part>): Promise<Part[]> {
  return lastValueFrom(stream.pipe(toArray()));
}

/** Resolves at the first event of `ref.events$` that matches. */
export function nextEvent(ref: ActorRef, match: (e: ActorEvent) => boolean): Promise<ActorEvent> {
  return firstValueFrom(ref.events$.pipe(filter(match)));
}
