import { nextId, type Clock, type Message, type Part, type TimerHandle } from '@troupe/runtime';
import type { AgentOrigin } from '@troupe/actors';
import {
  MAX_TEXT_CHUNK_BYTES, internalError, splitTextChunk, updateSendable, type ClientCapabilities, type Meta, type PromptParams, type PromptResult,
  type SessionUpdate,
} from '@troupe/protocol-stdio';
import type { Subscription } from 'rxjs';
import { blockToPart } from '../content-mapping.js';
import { RpcFailure } from '../errors.js';
import { TextChunkLines } from '../connection/text-chunk-line.js';
import type { RpcEndpoint } from '../connection/rpc-endpoint.js';
import { AcpClientBridge } from './acp-client-bridge.js';
import { partToUpdate, type TurnMessageIds } from './part-to-update.js';
import type { ServedSession } from './served-session.js';

/** Text up to this many UTF-16 units never needs splitting (3 bytes each at most < 1 MiB). */
const MAX_FAST_TEXT = Math.floor(MAX_TEXT_CHUNK_BYTES / 3);

/** What a turn needs from its connection. */
export interface TurnHost {
  readonly endpoint: RpcEndpoint;
  readonly client: ClientCapabilities | undefined;
  report(level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>): void;
  /** `progress` parts: dropped (default) or sent as thought chunks. */
  readonly progress?: 'drop' | 'thought';
  /** `@troupe.task` inspection events of the turn's Task actor. */
  taskState?(address: string, taskId: string, state: string): void;
  /** How long a cancelled turn may wind down before it is answered `cancelled` anyway. Default 5 s. */
  readonly cancelGraceMs?: number;
  /** The clock of that grace period (the system's). */
  readonly clock: Clock;
}

/** Default of `cancelGraceMs` (§13.1 rule 5). */
const DEFAULT_CANCEL_GRACE_MS = 5_000;

/**
 * One `session/prompt` turn in serve mode (spec §13.1, §14): the prompt becomes a user Message to
 * the Session actor, each emitted Part a `session/update` written before the response (O4), and
 * the stream's end the `stopReason`. Once `session/cancel` (or `$/cancel_request` on the prompt)
 * arrived, the answer is `cancelled` whatever the actor does, never an error (§13.1 rule 4).
 *
 * @example
 * const turn = new PromptTurn({ endpoint, client, report, clock: system.clock }, session, params);
 * const { stopReason } = await turn.run(requestSignal);
 */
export class PromptTurn {
  readonly taskId = nextId('turn');
  private readonly abort = new AbortController();
  private readonly ids: TurnMessageIds = { message: nextId('msg'), thought: nextId('thought') };
  private readonly bridge: AcpClientBridge;
  private sub: Subscription | undefined;
  private lines: TextChunkLines | undefined;
  private taskAddress = '';
  private done = false;
  private cancelled = false;
  /** An agent_message_chunk was sent: progress notes no longer go out as thoughts (they would split the answer). */
  private answering = false;
  private graceTimer: TimerHandle | undefined;
  private finish: ((r: PromptResult | RpcFailure) => void) | undefined;

  constructor(private readonly host: TurnHost, private readonly session: ServedSession, private readonly params: PromptParams) {
    const traceMeta = pickTrace(params._meta ?? undefined);
    this.bridge = new AcpClientBridge(host.endpoint, host.client, {
      sessionId: session.id,
      signal: this.abort.signal,
      meta: traceMeta,
      closed: () => this.done,
    });
  }

  /** Runs the turn; resolves with the prompt result, rejects with an RpcFailure. */
  run(requestSignal: AbortSignal): Promise<PromptResult> {
    const parts = this.params.prompt.map((b) => blockToPart(b));
    const message: Message = {
      id: nextId('prompt'),
      role: 'user',
      parts,
      conversationId: this.session.id,
      taskId: this.taskId,
      ...(this.params._meta ? { metadata: { acp: { _meta: this.params._meta } } } : {}),
    };
    if (this.session.history) for (const block of this.params.prompt) this.session.history.push({ sessionUpdate: 'user_message_chunk', content: block });
    const origin: AgentOrigin = {
      protocol: 'acp',
      session: {
        id: this.session.id,
        cwd: this.session.cwd,
        additionalDirectories: this.session.additionalDirectories,
        mcpServers: this.session.mcpServers,
        mode: this.session.modes?.currentModeId,
        config: Object.fromEntries((this.session.configOptions ?? []).map((o) => [o.id, o.currentValue])),
      },
      task: { id: this.taskId, contextId: this.session.id, state: 'working' },
      client: this.bridge,
    };
    return new Promise<PromptResult>((resolve, reject) => {
      this.finish = (r) => (r instanceof RpcFailure ? reject(r) : resolve(r));
      // $/cancel_request naming the prompt behaves like session/cancel (§13.2).
      requestSignal.addEventListener('abort', () => this.cancel(), { once: true });
      const sessionRef = this.session.ref();
      this.taskAddress = `${sessionRef.address}/${this.taskId}`;
      this.host.taskState?.(this.taskAddress, this.taskId, 'working');
      // `signal` lets session/cancel abort the agent while its last updates still flow (§13.1 rule 3);
      // `ready` makes a client that stops reading stdout pause the agent (checklist 47, §3.7).
      const endpoint = this.host.endpoint;
      this.sub = sessionRef.ask(message, { origin, signal: this.abort.signal, ready: () => endpoint.ready() }).subscribe({
        next: (part) => this.emit(part),
        error: (err: unknown) => this.settle(new RpcFailure(internalError(err instanceof Error ? err.message : String(err)))),
        complete: () => this.settle({ stopReason: 'end_turn' }),
      });
    });
  }

  private emit(part: Part): void {
    if (this.done) {
      this.host.report('warn', 'turn content after the prompt response refused (turn_closed)', { sessionId: this.session.id });
      return;
    }
    // Hot path: plain text without ACP extras, short enough to need no split (§3.2).
    if (part.type === 'text' && part.metadata === undefined && part.text.length <= MAX_FAST_TEXT) {
      this.lines ??= new TextChunkLines(this.session.id, 'agent_message_chunk', this.ids.message);
      this.answering = true;
      const err = this.host.endpoint.sendLine(this.lines.line(part.text));
      if (err) this.settle(new RpcFailure(internalError(`${err.code}: ${err.message}`)));
      else this.session.history?.push({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: part.text }, messageId: this.ids.message });
      return;
    }
    if (part.type === 'progress' && this.host.progress === 'thought') {
      // A thought between two message chunks cuts a client's answer in pieces: notes show only
      // until the answer starts, and the answer itself is the progress from then on.
      if (this.answering) return;
      this.send({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `${part.note}\n` }, messageId: this.ids.thought });
      return;
    }
    const update = partToUpdate(part, this.ids);
    if (update) this.send(update);
  }

  private send(update: SessionUpdate): void {
    const gate = updateSendable(this.host.client, update);
    if (!gate.ok) {
      this.host.report('warn', `session/update ${update.sessionUpdate} not sent: ${gate.reason}`, { capability: gate.capability });
      return;
    }
    for (const piece of splitTextChunk(update)) {
      const err = this.host.endpoint.notifyNow('session/update', { sessionId: this.session.id, update: piece });
      if (err) {
        this.sub?.unsubscribe();
        this.settle(new RpcFailure(internalError(`${err.code}: ${err.message}`)));
        return;
      }
    }
    if (update.sessionUpdate === 'agent_message_chunk') this.answering = true;
    this.session.history?.push(update);
  }

  /**
   * session/cancel: aborts the actor (its signal fires), cancels our client requests and releases
   * terminals. What the actor still emits before it settles is sent; the answer is `cancelled` once
   * it settles, or after `cancelGraceMs` if it does not (§13.1 rules 3–5). `force` (the client is
   * gone) answers at once.
   */
  cancel(options: { force?: boolean } = {}): void {
    if (this.done) return;
    if (!this.cancelled) {
      this.cancelled = true;
      this.abort.abort();
      this.bridge.releaseTerminals();
    }
    if (options.force) {
      this.stopNow();
      return;
    }
    this.graceTimer ??= this.host.clock.setTimeout(() => {
      this.host.report('warn', 'the agent did not settle within the cancel grace period; answering cancelled', { sessionId: this.session.id });
      this.stopNow();
    }, this.host.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS);
  }

  private stopNow(): void {
    this.sub?.unsubscribe();
    this.settle({ stopReason: 'cancelled' });
  }

  private settle(result: PromptResult | RpcFailure): void {
    if (this.done) return;
    this.done = true;
    if (this.graceTimer !== undefined) this.host.clock.clearTimeout(this.graceTimer);
    if (this.cancelled) result = { stopReason: 'cancelled' };
    else if (result instanceof RpcFailure) this.bridge.releaseTerminals();
    this.host.taskState?.(this.taskAddress, this.taskId, this.cancelled ? 'canceled' : result instanceof RpcFailure ? 'failed' : 'completed');
    this.session.endTurn(this);
    this.finish?.(result);
  }
}

function pickTrace(meta: Meta | undefined): Meta | undefined {
  if (!meta) return undefined;
  const out: Meta = {};
  for (const key of ['traceparent', 'tracestate', 'baggage']) if (meta[key] !== undefined) out[key] = meta[key];
  return Object.keys(out).length > 0 ? out : undefined;
}
