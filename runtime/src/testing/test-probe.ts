import { filter, firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';
import type { ActorEvent, ActorRef, HandlerResult } from '../types/actor.js';
import type { Message } from '../types/message.js';
import { textOf } from '../parts.js';
import type { Part } from '../types/part.js';
import type { ActorSystem } from '../system/actor-system.js';

interface Waiting {
  readonly match: (m: Message) => boolean;
  readonly resolve: (m: Message) => void;
}

/** Options of {@link createTestProbe}. */
export interface TestProbeOptions {
  readonly name?: string;
  /** What the probe answers to each message it receives (default: nothing). */
  readonly reply?: (m: Message) => HandlerResult;
  /** Default timeout of `expectMessage`, in real milliseconds. Default 3,000. */
  readonly timeoutMs?: number;
}

/** Options of one `expectMessage`. */
export interface ExpectOptions {
  /** Real milliseconds to wait before failing. Default: the probe's (3,000). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * An actor that records every message it receives (with its sender), optionally answering with
 * `reply(message)`, plus helpers to await messages without sleeping.
 *
 * What reaches a probe: everything told, sent or asked to `probe.ref`, and — when it is the
 * `sender` of a tell — the answer of the actor it told, as one reply message (role `agent`,
 * `replyTo` the told message's id), whether that actor returned its answer or called `ctx.reply`.
 *
 * `expectMessage` fails after a timeout (3 s by default, real time, so it also ends under a
 * simulated clock) with the messages the probe did receive, so a wrong test fails instead of hanging.
 *
 * @example
 * const probe = createTestProbe(system);
 * someActor.tell('ping', { sender: probe.ref });
 * const reply = await probe.expectMessage();
 */
export class TestProbe {
  /** Messages received and not yet taken by `expectMessage`, oldest first. */
  readonly received: Message[] = [];
  /** The sender of every message received, in arrival order (kept when a message is taken). */
  readonly senders: (ActorRef | undefined)[] = [];
  readonly ref: ActorRef;
  private waiting: Waiting[] = [];
  private readonly timeoutMs: number;

  constructor(system: ActorSystem, options: TestProbeOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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

  /**
   * The next message matching `match` (already received ones count, oldest first). Rejects after
   * the timeout, naming the probe and listing what it received instead.
   */
  expectMessage(match: (m: Message) => boolean = () => true, options: ExpectOptions = {}): Promise<Message> {
    const seen = this.received.find(match);
    if (seen) {
      this.take(seen);
      return Promise.resolve(seen);
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const waiter: Waiting = {
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.take(m);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        const got = this.received.map((m) => JSON.stringify(textOf(m) || m.parts)).join(', ');
        reject(new Error(`no matching message within ${timeoutMs} ms at ${this.ref.address}; received instead: [${got}]`));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  private take(m: Message): void {
    this.received.splice(this.received.indexOf(m), 1);
  }
}

/** Spawns a TestProbe. */
export function createTestProbe(system: ActorSystem, options?: TestProbeOptions): TestProbe {
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
