import { Observable } from 'rxjs';
import { TroupeError, realClock, type Clock } from '@troupe/runtime';
import {
  checkAgentProtocolVersion, decodeSessionUpdate, isKnownMethod, isTurnContent, methodAllowed, promptBlockAllowed,
  requiredCapability, sessionNotFound, troupeClientCapabilities, unadvertisedMethodError, validateParams,
  type ClientCapabilities, type ContentBlock, type Implementation, type InitializeResult, type ReceivedUpdate,
  type McpServer, type RequestPermissionParams, type SessionSetup,
} from '@troupe/protocol-stdio';
import { ACP_ERRORS, RpcFailure } from '../errors.js';
import type { RequestContext, RpcEndpoint } from '../connection/rpc-endpoint.js';
import { decidePermission, type ClientHandlers } from './client-handlers.js';
import { DriveSession, DriveTurn, type DriveEvent } from './drive-session.js';
import { readTextFile, writeTextFile } from './fs-handler.js';
import { TerminalHandler } from './terminal-handler.js';
import { updateToPart } from './update-to-part.js';

/** Options of {@link AcpClient}. */
export interface AcpClientOptions {
  readonly handlers?: ClientHandlers;
  readonly clientInfo?: Implementation;
  /** Wait this long for the reply to a cancelled prompt before settling it `forced`. Default 10 s. */
  readonly cancelTimeoutMs?: number;
  /** Time of the cancel timeout and of the early-update buffer. Default the real clock. */
  readonly clock?: Clock;
  readonly report?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;
}

const EARLY_LIMIT = 1000;
const EARLY_MS = 10_000;
const notSupported = (what: string): TroupeError =>
  new TroupeError(ACP_ERRORS.capabilityNotSupported, `${what} is not supported by this agent (it did not advertise it)`);

/**
 * The client side of one ACP connection (spec §5–§7, §13, §14 drive rules): the handshake with a
 * version check, sessions, prompt turns as Observables (unsubscribe = `session/cancel`), update
 * routing with the O2 buffer and the out-of-turn stream, and the agent → client methods through
 * pluggable handlers. Gated calls the agent did not advertise fail locally, writing nothing.
 *
 * @example
 * const client = new AcpClient(proc.endpoint, { handlers: { permission: 'allow' } });
 * await client.initialize();
 * const session = await client.newSession('/repo');
 * client.prompt(session.id, [{ type: 'text', text: 'hi' }]).subscribe(render);
 */
export class AcpClient {
  agent: InitializeResult | undefined;
  readonly capabilities: ClientCapabilities;
  private readonly sessions = new Map<string, DriveSession>();
  private early: { sessionId: string; received: ReceivedUpdate; at: number }[] = [];
  private readonly terminals = new TerminalHandler();
  private readonly clock: Clock;

  constructor(private readonly endpoint: RpcEndpoint, private readonly options: AcpClientOptions = {}) {
    this.clock = options.clock ?? realClock;
    const h = options.handlers ?? {};
    const fs = h.fs === false ? undefined : { read: h.fs?.read ?? true, write: h.fs?.write ?? false };
    this.capabilities = troupeClientCapabilities({
      ...(fs ? { fs: { readTextFile: fs.read, writeTextFile: fs.write } } : {}),
      terminal: h.terminal === true,
      ...(h.elicit ? { elicitation: { form: true } } : {}),
    });
    endpoint.onClose(() => this.terminals.releaseAll());
  }

  /** Starts the endpoint and performs `initialize`; a version other than 1 fails with `unsupported_protocol_version`. */
  async initialize(): Promise<InitializeResult> {
    this.endpoint.start({
      request: (method, params, ctx) => this.onRequest(method, params, ctx),
      notification: (method, params) => this.onNotification(method, params),
      update: (received) => this.onUpdate(received, received.params),
    });
    const result = await this.endpoint.request<InitializeResult>('initialize', {
      protocolVersion: 1,
      clientCapabilities: this.capabilities,
      clientInfo: this.options.clientInfo ?? { name: 'troupe', version: '0.1.0' },
    });
    const check = checkAgentProtocolVersion(result?.protocolVersion);
    if (!check.ok) {
      throw new TroupeError(ACP_ERRORS.unsupportedProtocolVersion, `the agent answered protocolVersion ${JSON.stringify(check.received)}; Troupe speaks 1`, { details: { received: check.received } });
    }
    this.agent = result;
    return result;
  }

  private gate(method: string): void {
    if (!methodAllowed(method, { agent: this.agent?.agentCapabilities })) throw notSupported(`${method} (${requiredCapability(method) ?? ''})`);
  }

  private register(id: string, cwd: string, dirs: readonly string[]): DriveSession {
    const s = this.sessions.get(id) ?? new DriveSession(id, cwd, dirs);
    this.sessions.set(id, s);
    return s;
  }

  /** Replays updates that arrived before the session was known, in arrival order (§14 drive O2). */
  private claimEarly(s: DriveSession): void {
    const mine = this.early.filter((e) => e.sessionId === s.id);
    if (mine.length === 0) return;
    this.early = this.early.filter((e) => e.sessionId !== s.id);
    for (const e of mine) this.deliver(s, e.received);
  }

  async newSession(cwd: string, extra: { additionalDirectories?: string[]; mcpServers?: readonly McpServer[] } = {}): Promise<DriveSession> {
    const r = await this.endpoint.request<SessionSetup & { sessionId: string }>('session/new', { cwd, mcpServers: [], ...extra });
    const s = this.register(r.sessionId, cwd, extra.additionalDirectories ?? []);
    s.setup = r;
    this.claimEarly(s);
    return s;
  }

  async loadSession(sessionId: string, cwd: string, method: 'session/load' | 'session/resume' = 'session/load'): Promise<DriveSession> {
    this.gate(method);
    const s = this.register(sessionId, cwd, []);
    s.setup = await this.endpoint.request<SessionSetup>(method, { sessionId, cwd, mcpServers: [] });
    this.claimEarly(s);
    return s;
  }

  /** Gated requests with no session bookkeeping (`session/list`, `logout`, …). */
  async call<R>(method: string, params: unknown): Promise<R> {
    this.gate(method);
    try {
      return await this.endpoint.request<R>(method, params);
    } catch (err) {
      // session/close and session/delete of an unknown session succeed, as in the SDK (§6).
      if ((method === 'session/close' || method === 'session/delete') && TroupeError.is(err, ACP_ERRORS.acpError) && err.details?.['code'] === -32002) return {} as R;
      throw err;
    }
  }

  session(sessionId: string): DriveSession | undefined {
    return this.sessions.get(sessionId);
  }

  /**
   * One turn: updates, then a `stop` event. Unsubscribing before the stop sends `session/cancel`;
   * the turn then settles `cancelled` when the reply comes, or `forced` after `cancelTimeoutMs`.
   * Aborting `signal` cancels the same way but keeps the stream: the last updates and the
   * `cancelled` stop still arrive (a turn still queued behind another is dropped and stops at once).
   */
  prompt(sessionId: string, prompt: readonly ContentBlock[], meta?: Record<string, unknown>, signal?: AbortSignal): Observable<DriveEvent> {
    return new Observable<DriveEvent>((subscriber) => {
      const s = this.sessions.get(sessionId);
      if (!s) {
        subscriber.error(new TroupeError(ACP_ERRORS.acpError, `unknown session ${sessionId}`, { details: sessionNotFound(sessionId) as unknown as Record<string, unknown> }));
        return undefined;
      }
      const bad = prompt.find((b) => !promptBlockAllowed(this.agent?.agentCapabilities, b.type));
      if (bad) {
        subscriber.error(notSupported(`a ${bad.type} block in a prompt`));
        return undefined;
      }
      if (this.endpoint.closedError) {
        subscriber.error(this.endpoint.closedError);
        return undefined;
      }
      const turn = new DriveTurn(subscriber);
      s.queue = s.queue.then(() => new Promise<void>((release) => {
        turn.onSettled = release;
        if (turn.dropped) return release();
        turn.started = true;
        s.turn = turn;
        this.endpoint.requestSync('session/prompt', { sessionId, prompt, ...(meta ? { _meta: meta } : {}) }, (err, result) => this.finish(s, turn, result, err));
      }));
      const onAbort = (): void => {
        if (!turn.started) {
          turn.dropped = true;
          subscriber.next({ type: 'stop', stopReason: 'cancelled' });
          subscriber.complete();
        } else if (!turn.settled) {
          this.cancelTurn(s, turn);
        }
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      return () => {
        signal?.removeEventListener('abort', onAbort);
        if (!turn.started) turn.dropped = true;
        else if (!turn.settled) this.cancelTurn(s, turn);
      };
    });
  }

  /** Cancels the session's running turn (`ref.cancel()`); its observers still get the `cancelled` stop. */
  cancel(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (s?.turn && !s.turn.settled) this.cancelTurn(s, s.turn);
  }

  private cancelTurn(s: DriveSession, turn: DriveTurn): void {
    if (turn.cancelled) return;
    turn.cancelled = true;
    turn.abortPermissions();
    this.endpoint.notifyNow('session/cancel', { sessionId: s.id });
    // Cleared when the turn settles, and every turn settles when the connection closes: the
    // timer never outlives the link.
    turn.timer = this.clock.setTimeout(() => {
      if (turn.settled) return;
      this.settle(s, turn);
      turn.subscriber.next({ type: 'stop', stopReason: 'cancelled', forced: true });
      turn.subscriber.complete();
    }, this.options.cancelTimeoutMs ?? 10_000);
  }

  private settle(s: DriveSession, turn: DriveTurn): void {
    turn.settled = true;
    if (turn.timer !== undefined) this.clock.clearTimeout(turn.timer);
    if (s.turn === turn) s.turn = undefined;
    turn.onSettled();
  }

  private finish(s: DriveSession, turn: DriveTurn, result: unknown, err: unknown): void {
    if (turn.settled) {
      this.options.report?.('info', 'late reply to a prompt that was already settled', { sessionId: s.id });
      return;
    }
    this.settle(s, turn);
    const stopReason = (result as { stopReason?: unknown } | undefined)?.stopReason;
    if (turn.cancelled) {
      const conforming = stopReason === 'cancelled';
      if (!conforming) this.options.report?.('warn', 'agent answered a cancelled prompt without stopReason cancelled', { sessionId: s.id });
      turn.subscriber.next(conforming ? { type: 'stop', stopReason: 'cancelled' } : { type: 'stop', stopReason: 'cancelled', raw: err ?? result });
      turn.subscriber.complete();
    } else if (err !== undefined) {
      turn.subscriber.error(err);
    } else {
      turn.subscriber.next({ type: 'stop', stopReason: typeof stopReason === 'string' ? stopReason : 'end_turn', raw: result });
      turn.subscriber.complete();
    }
  }

  private onNotification(method: string, params: unknown): void {
    if (method !== 'session/update') return;
    this.onUpdate(decodeSessionUpdate(params), params);
  }

  private onUpdate(received: ReceivedUpdate, params: unknown): void {
    const sessionId = received.sessionId;
    if (sessionId === undefined) {
      this.options.report?.('warn', 'session/update without a sessionId dropped', { raw: params as Record<string, unknown> });
      return;
    }
    const s = this.sessions.get(sessionId);
    if (s) return this.deliver(s, received);
    // §14 drive O2: hold updates for sessions not yet created, at most 1,000 and 10 s.
    const now = this.clock.now();
    while (this.early.length > 0 && now - (this.early[0]?.at ?? now) > EARLY_MS) {
      const old = this.early.shift();
      this.options.report?.('warn', 'session/update for a session that never appeared dropped after 10 s', { sessionId: old?.sessionId });
    }
    if (this.early.length < EARLY_LIMIT) this.early.push({ sessionId, received, at: now });
    else this.options.report?.('warn', 'session/update for an unknown session dropped (early buffer full)', { sessionId });
  }

  private deliver(s: DriveSession, received: ReceivedUpdate): void {
    const turn = s.turn;
    if (turn && !turn.settled) {
      turn.subscriber.next({ type: 'update', update: received, part: updateToPart(received, turn.cancelled ? { afterCancel: true } : {}) });
      return;
    }
    const kind = received.kind === 'known' ? received.update.sessionUpdate : received.kind === 'unknown' ? received.sessionUpdate : '';
    const outOfTurn = isTurnContent(kind);
    s.updates$.next({ type: 'update', update: received, part: updateToPart(received, outOfTurn ? { outOfTurn } : {}) });
  }

  private onRequest(method: string, params: unknown, ctx: RequestContext): unknown {
    if (!isKnownMethod(method) || !methodAllowed(method, { client: this.capabilities }) || method === 'session/update') {
      throw new RpcFailure(unadvertisedMethodError(method, params));
    }
    const v = validateParams(method, params);
    if (!v.ok) throw new RpcFailure(v.error);
    const p = v.value as Record<string, unknown> & { sessionId: string };
    const s = this.sessions.get(p.sessionId);
    if (!s && method !== 'elicitation/create') throw new RpcFailure(sessionNotFound(String(p.sessionId)));
    const session = s as DriveSession;
    const roots = (): string[] => [session.cwd, ...session.additionalDirectories, ...((this.options.handlers?.fs || undefined)?.roots ?? [])];
    switch (method) {
      case 'session/request_permission': return this.permission(session, p as unknown as RequestPermissionParams, ctx.signal);
      case 'fs/read_text_file': return readTextFile(p as unknown as { path: string }, roots());
      case 'fs/write_text_file': return writeTextFile(p as unknown as { path: string; content: string }, roots());
      case 'terminal/create': return this.terminals.create(p as unknown as { command: string }, session.cwd);
      case 'terminal/output': return this.terminals.output(String(p['terminalId']));
      case 'terminal/wait_for_exit': return this.terminals.waitForExit(String(p['terminalId']));
      case 'terminal/kill': return this.terminals.kill(String(p['terminalId']));
      case 'terminal/release': return this.terminals.release(String(p['terminalId']));
      case 'elicitation/create': return this.options.handlers?.elicit?.(p, { signal: ctx.signal }) ?? { action: 'decline' };
      default: throw new RpcFailure(unadvertisedMethodError(method, params));
    }
  }

  private async permission(s: DriveSession, params: RequestPermissionParams, signal: AbortSignal): Promise<object> {
    const turn = s.turn;
    if (turn?.cancelled) return { outcome: { outcome: 'cancelled' } };
    const abort = new AbortController();
    signal.addEventListener('abort', () => abort.abort(), { once: true });
    turn?.permissionAborts.add(abort);
    try {
      return { outcome: await decidePermission(this.options.handlers?.permission, params, abort.signal) };
    } finally {
      turn?.permissionAborts.delete(abort);
    }
  }
}
