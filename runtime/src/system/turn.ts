import type { Envelope } from '../mailbox/envelope.js';
import type { ActorRef } from '../types/actor.js';
import type { Part } from '../types/part.js';
import { toError } from '../types/troupe-error.js';
import { replyMessage } from './message-context.js';
import type { PumpTarget } from './result-pump.js';

/** What a turn needs of the cell that runs it. */
export interface TurnHost {
  readonly ref: ActorRef;
  /** True once the envelope is counted as in flight (its handler went asynchronous). */
  isActive(env: Envelope): boolean;
  settle(env: Envelope): void;
  settleAsync(env: Envelope): void;
  dropActive(env: Envelope): void;
  handlerFailed(env: Envelope, error: Error): void;
}

/**
 * One handler invocation's output target. For an ask, parts go to the asker's stream. For a tell
 * with a sender, the parts are gathered and, once the output completes, go to the sender as one
 * reply message — where `ctx.reply` sends them — unless the told message is itself a reply.
 * `settledSync` tells the cell that the turn ended before `receive` returned.
 */
export class Turn implements PumpTarget {
  settledSync = false;
  readonly ready: Envelope['ready'];
  private readonly answer: Part[] | undefined;

  constructor(private readonly host: TurnHost, private readonly env: Envelope) {
    this.ready = env.ready;
    this.answer = env.sink === undefined && env.sender !== undefined && env.message.replyTo === undefined ? [] : undefined;
  }

  next(part: Part): void {
    const sink = this.env.sink;
    if (sink) {
      if (!sink.closed) sink.next(part);
    } else {
      this.answer?.push(part);
    }
  }

  complete(): void {
    const { env, host } = this;
    if (env.settled) return;
    if (this.answer && this.answer.length > 0) env.sender?.tell(replyMessage(env.message, this.answer), { sender: host.ref });
    // Settle before completing the sink: completion runs the asker's teardown, which must see a
    // finished envelope (not cancel it and abort the handler's signal after success).
    if (host.isActive(env)) {
      host.settleAsync(env);
    } else {
      this.settledSync = true;
      host.settle(env);
    }
    if (env.sink && !env.sink.closed) env.sink.complete();
  }

  error(err: unknown): void {
    const { env, host } = this;
    if (env.settled) return;
    if (host.isActive(env)) host.dropActive(env);
    else this.settledSync = true;
    host.handlerFailed(env, toError(err));
  }
}
