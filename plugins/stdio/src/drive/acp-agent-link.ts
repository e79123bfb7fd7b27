import { EMPTY, Observable, catchError, filter, type Subscription } from 'rxjs';
import {
  TroupeError, toMessage, type ActorEvent, type ActorRef, type Behavior, type LifecycleHandle,
  type Clock, type Message, type MessageInput, type SpawnOptions, type Spawnable, type StartContext,
} from '@troupe/runtime';
import { RemoteRef, peerLinkMachine, type LinkState, type RemoteReply, type RemoteTurn } from '@troupe/actors';
import type { InitializeResult } from '@troupe/protocol-stdio';
import { ACP_ERRORS } from '../errors.js';
import { partToBlock } from '../content-mapping.js';
import type { EndpointEvent } from '../connection/rpc-endpoint.js';
import { AcpClient } from './acp-client.js';
import { AgentProcess } from './agent-process.js';
import type { AcpConnectOptions } from './connect-options.js';
import type { DriveEvent, DriveSession } from './drive-session.js';
import { askFailure, commandText, unreachable } from './link-errors.js';
import { pullStream, type FlowControl, type PullStreamOptions } from './pull-stream.js';

let linkCounter = 0;

/**
 * Link state of each `peerLinkMachine` state. A link that failed for good stays `down` (calls
 * fail at once with the reason) until it is stopped, which makes it `closed`.
 */
const LINK_STATES: Readonly<Record<string, LinkState>> = { connecting: 'connecting', handshaking: 'connecting', open: 'up', backoff: 'down', closed: 'down' };

/**
 * A driven ACP agent as an actor (spec §2 drive): a peer-link actor hosting `peerLinkMachine`
 * owns the subprocess, restarts it with backoff when it dies, and fails it for good on a protocol
 * version mismatch. The link itself is a {@link RemoteRef}: an ask honours `signal`, `timeoutMs`
 * (on the system clock), unsubscribe (each sends `session/cancel` for its own turn) and `ready`
 * back-pressure (reading the agent's stdout pauses); errors reach callers typed
 * (`connection_closed`, `HANDLER_FAILED` with the agent's error as cause…) and never crash the
 * link; while the link is down, calls fail at once instead of hanging. `events$` carries the link
 * state (`connecting`, `up`, `down` while the process is away, `closed` once the link is stopped).
 *
 * @example
 * const coder = (await system.connect({ command: ['my-acp-agent'], cwd: '/repo' })) as AcpAgentLink;
 * coder.ask('fix the test').subscribe((part) => render(part));
 */
export class AcpAgentLink extends RemoteRef {
  /** The peer-link actor that owns the process (stop it to stop the link). */
  readonly cell: ActorRef;
  private machine: LifecycleHandle | undefined;
  private proc: AgentProcess | undefined;
  private client: AcpClient | undefined;
  private defaultSession: Promise<DriveSession> | undefined;
  private lastError: Error | undefined;
  private waiters: { resolve: (c: AcpClient) => void; reject: (e: Error) => void }[] = [];
  private stateSub: Subscription | undefined;
  private closing = false;
  private readonly options: AcpConnectOptions;
  private readonly report: (e: EndpointEvent) => void;

  constructor(spawn: (target: Spawnable, options?: SpawnOptions) => ActorRef, options: AcpConnectOptions, report: (e: EndpointEvent) => void, clock: Clock) {
    // The actor starts inside `spawn`, before this object exists: its hooks reach the link late.
    const late: { link?: AcpAgentLink; ctx?: StartContext } = {};
    const behavior: Behavior = {
      lifecycle: peerLinkMachine,
      lifecycleInput: {
        peerId: commandText(options.command),
        maxAttempts: options.restart?.maxAttempts ?? 3,
        baseDelayMs: options.restart?.baseDelayMs ?? 500,
        maxDelayMs: options.restart?.maxDelayMs ?? 10_000,
      },
      card: { name: options.name ?? options.command[0] ?? 'acp-agent', protocol: 'acp' },
      start: (ctx) => {
        if (late.link) late.link.attach(ctx);
        else late.ctx = ctx;
      },
      stop: () => late.link?.shutdown(),
      // Messages that come through the mailbox (a tell, a lookup) run as prompts; errors are reported, not crashes.
      receive: (message) => late.link?.ask(message).pipe(catchError((err: unknown) => {
        report({ level: 'warn', msg: `prompt to ${late.link?.address ?? ''} failed: ${(err as Error).message}` });
        return EMPTY;
      })),
    };
    const cell = spawn(behavior, { name: options.name ?? `acp-${++linkCounter}` });
    super({ address: cell.address, name: cell.name, clock });
    this.cell = cell;
    this.options = options;
    this.report = report;
    late.link = this;
    if (late.ctx) this.attach(late.ctx);
  }

  /** Binds the link to (a new incarnation of) its actor and starts connecting. */
  private attach(ctx: StartContext): void {
    this.machine = ctx.lifecycle;
    this.stateSub?.unsubscribe();
    this.stateSub = ctx.self.events$.pipe(filter((e: ActorEvent) => e.type === 'state')).subscribe((e) => {
      if (e.type !== 'state') return;
      if (e.value === 'connecting') void this.launch();
      if (e.value === 'closed') this.failWaiters(this.lastError ?? new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP agent link is closed'));
      const link = LINK_STATES[e.value];
      if (link && !this.closing) this.setLinkState(link);
    });
    this.machine?.send({ type: 'CONNECT' });
  }

  /**
   * True after the agent answered -32000 (authentication required) to a session request (§5.2):
   * call `authenticate(methodId)` with one of `agentInfo.authMethods`; Troupe never does on its own.
   */
  authRequired = false;

  private noteAuth(err: unknown): void {
    if (TroupeError.is(err) && err.details?.['code'] === -32000) {
      this.authRequired = true;
      this.report({ level: 'warn', msg: 'the ACP agent requires authentication', data: { authMethods: this.client?.agent?.authMethods ?? [] } });
    }
  }

  /** The agent's `initialize` reply (capabilities, auth methods, agentInfo) of the current process. */
  get agentInfo(): InitializeResult | undefined { return this.client?.agent; }

  /** Lines the agent wrote on stdout that were not protocol frames (§3.4). */
  get stdoutNoiseLines(): number { return this.proc?.endpoint.stdoutNoiseLines ?? 0; }

  private async launch(): Promise<void> {
    const machine = this.machine;
    let proc: AgentProcess;
    try {
      proc = await AgentProcess.start({
        command: this.options.command,
        ...(this.options.cwd !== undefined ? { cwd: this.options.cwd } : {}),
        ...(this.options.env ? { env: this.options.env } : {}),
        ...(this.options.exitGraceMs !== undefined ? { exitGraceMs: this.options.exitGraceMs } : {}),
        ...(this.options.maxMessageBytes !== undefined ? { maxMessageBytes: this.options.maxMessageBytes } : {}),
        ...(this.options.requestTimeoutMs !== undefined ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
        report: this.report,
        clock: this.clock,
      });
    } catch (err) {
      this.lastError = unreachable(this.options.command, err);
      machine?.send({ type: 'CONNECT_FAILED', error: this.lastError.message });
      this.failWaiters(this.lastError);
      return;
    }
    if (this.closing) { void proc.stop(); return; }
    this.proc = proc;
    machine?.send({ type: 'CONNECTED' });
    const client = new AcpClient(proc.endpoint, {
      ...(this.options.handlers ? { handlers: this.options.handlers } : {}),
      ...(this.options.clientInfo ? { clientInfo: this.options.clientInfo } : {}),
      ...(this.options.cancelTimeoutMs !== undefined ? { cancelTimeoutMs: this.options.cancelTimeoutMs } : {}),
      clock: this.clock,
      report: (level, msg, data) => this.report(data ? { level, msg, data } : { level, msg }),
    });
    proc.endpoint.onClose((err) => {
      if (this.proc !== proc) return;
      // Closed before the handshake: the command is not (or not yet) an ACP agent; say which.
      this.lastError = this.client === client ? err : unreachable(this.options.command, err, notAnAgent(err, proc));
      this.client = undefined;
      this.defaultSession = undefined;
      if (!this.closing) machine?.send({ type: 'LINK_DOWN', error: err.message });
    });
    try {
      await this.handshake(client, proc);
    } catch (err) {
      if (TroupeError.is(err, ACP_ERRORS.unsupportedProtocolVersion)) {
        // §5.1: send nothing more, shut the agent down, fail for good.
        this.lastError = err;
        machine?.send({ type: 'CLOSE', error: err.message });
      } else {
        this.lastError = TroupeError.is(err, 'UNREACHABLE') ? err : unreachable(this.options.command, err, notAnAgent(err, proc));
        machine?.send({ type: 'HANDSHAKE_FAILED', error: this.lastError.message });
      }
      this.failWaiters(this.lastError);
      void proc.stop();
      return;
    }
    this.client = client;
    machine?.send({ type: 'HANDSHAKE_OK' });
    for (const w of this.waiters.splice(0)) w.resolve(client);
  }

  /** `initialize`, bounded by `connectTimeoutMs` on the clock (a silent process must not hang connect). */
  private handshake(client: AcpClient, proc: AgentProcess): Promise<unknown> {
    const ms = this.options.connectTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        const noise = proc.endpoint.stdoutNoiseLines;
        const wrote = noise > 0 ? `; it wrote ${noise} non-protocol line(s) on stdout instead` : '';
        reject(unreachable(this.options.command, new TroupeError(ACP_ERRORS.requestTimeout, `initialize timed out after ${ms} ms`), `no answer to initialize within ${ms} ms${wrote}; is it an ACP agent?`));
      }, ms);
      client.initialize().then(
        (r) => { this.clock.clearTimeout(timer); resolve(r); },
        (err: unknown) => { this.clock.clearTimeout(timer); reject(err); },
      );
    });
  }

  private failWaiters(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** The connected client; waits during the first connect, fails at once while the link is down or closed. */
  ready(): Promise<AcpClient> {
    if (this.client) return Promise.resolve(this.client);
    const state = this.machine?.value ?? 'idle';
    if (this.closing || state === 'closed' || (state === 'backoff' && this.lastError)) {
      return Promise.reject(this.lastError ?? new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP agent link is closed'));
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The last (at most 1 MiB of) stderr of the current agent process. */
  get stderrTail(): string { return this.proc?.stderrTail ?? ''; }

  /** The link's default session (created on first use): its `updates$` carries session-level and out-of-turn updates. */
  async session(): Promise<DriveSession> {
    return this.sessionFor(await this.ready(), undefined);
  }

  /** Opens a new session (default cwd: the link's). */
  async newSession(cwd = this.options.cwd ?? process.cwd()): Promise<DriveSession> {
    return (await this.ready()).newSession(cwd, this.options.mcpServers ? { mcpServers: this.options.mcpServers } : {});
  }

  private async sessionFor(client: AcpClient, conversationId: string | undefined): Promise<DriveSession> {
    const known = conversationId !== undefined ? client.session(conversationId) : undefined;
    if (known) return known;
    this.defaultSession ??= client.newSession(this.options.cwd ?? process.cwd(), this.options.mcpServers ? { mcpServers: this.options.mcpServers } : {});
    return this.defaultSession;
  }

  /**
   * One prompt turn as driven events (updates and the stop), on the message's session
   * (`conversationId`) or the link's default session.
   */
  turn(message: MessageInput, signal?: AbortSignal): Observable<DriveEvent> {
    const msg = toMessage(message);
    return new Observable<DriveEvent>((subscriber) => {
      let inner: Subscription | undefined;
      let done = false;
      this.ready()
        .then(async (client) => {
          const session = await this.sessionFor(client, msg.conversationId);
          if (done) return;
          if (signal?.aborted) {
            // Cancelled before it was sent: nothing reached the agent.
            subscriber.next({ type: 'stop', stopReason: 'cancelled' });
            subscriber.complete();
            return;
          }
          const blocks = msg.parts.map(partToBlock).filter((b) => b !== undefined);
          inner = client.prompt(session.id, blocks, undefined, signal).subscribe({
            next: (e) => subscriber.next(e),
            error: (err: unknown) => { this.noteAuth(err); subscriber.error(err); },
            complete: () => subscriber.complete(),
          });
        })
        .catch((err: unknown) => {
          this.defaultSession = undefined; // a failed session/new (e.g. -32000) is retried next time
          this.noteAuth(err);
          subscriber.error(err);
        });
      return () => {
        done = true;
        inner?.unsubscribe();
      };
    });
  }

  /**
   * One turn as a pull stream with a bounded queue: a consumer that stops pulling pauses reading of
   * the agent's stdout (the agent's writes block) instead of Troupe buffering without bound (§18.2).
   *
   * @example
   * for await (const ev of ref.stream('refactor utils.ts')) if (ev.type === 'update') render(ev.part);
   */
  stream(message: MessageInput, options?: PullStreamOptions): AsyncIterable<DriveEvent> {
    const flow: FlowControl = { pause: () => this.proc?.transport.pause(), resume: () => this.proc?.transport.resume() };
    return pullStream(this.turn(message), flow, options);
  }

  /**
   * One ask as a remote turn (see {@link RemoteRef}): the turn's updates become Parts (each with
   * the received update in `metadata.acp`); cancelling aborts this turn only (`session/cancel`, or
   * dropped while still queued behind another turn of the session). An error reply of the agent
   * ends the ask with `HANDLER_FAILED` (or `AUTH_REQUIRED`) and the agent's JSON-RPC error as
   * cause (see `askFailure`).
   */
  protected startAsk(message: Message, reply: RemoteReply): RemoteTurn {
    const abort = new AbortController();
    this.turn(message, abort.signal).subscribe({
      next: (e) => { if (e.type === 'update') reply.next(e.part); },
      error: (err: unknown) => {
        const failure = askFailure(this.options.command, err);
        reply.error(TroupeError.is(failure) ? failure : new TroupeError('HANDLER_FAILED', `ask to ${this.address} failed: ${String(failure)}`, { cause: failure }));
      },
      complete: () => reply.complete(),
    });
    return {
      cancel: () => abort.abort(),
      pause: () => this.proc?.transport.pause(),
      resume: () => this.proc?.transport.resume(),
    };
  }

  /** A tell runs as a prompt whose failure is reported; refused once the link is stopped. */
  protected offer(message: Message): boolean {
    if (this.closing) return false;
    this.ask(message).subscribe({ error: (err: unknown) => this.report({ level: 'warn', msg: `prompt failed: ${(err as Error).message}` }) });
    return true;
  }

  protected post(message: Message): Promise<void> {
    return new Promise((resolve, reject) => this.ask(message).subscribe({ error: reject, complete: resolve }));
  }

  /** Cancels the running turn of the default session (observers get a `cancelled` stop). */
  async cancel(): Promise<void> {
    const client = this.client;
    const session = this.defaultSession ? await this.defaultSession : undefined;
    if (client && session) client.cancel(session.id);
  }

  /** Sends `authenticate` for one of the agent's advertised methods (Troupe never does on its own, §5.2). */
  async authenticate(methodId: string): Promise<void> {
    await (await this.ready()).call('authenticate', { methodId });
    this.authRequired = false;
  }

  /** Any gated agent method (`session/list`, `session/close`…); fails with `capability_not_supported` without writing. */
  async call<R = unknown>(method: string, params: unknown): Promise<R> {
    return (await this.ready()).call<R>(method, params);
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.stateSub?.unsubscribe();
    this.setLinkState('closed');
    this.machine?.send({ type: 'CLOSE' });
    this.failWaiters(new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP agent link was stopped'));
    const proc = this.proc;
    this.client = undefined;
    if (proc) await proc.stop();
  }
}

/** Why a process that was started is not an ACP agent, from how its `initialize` failed. */
function notAnAgent(err: unknown, proc: AgentProcess): string {
  const noise = proc.endpoint.stdoutNoiseLines;
  const wrote = noise > 0 ? `; it wrote ${noise} non-protocol line(s) on stdout` : '';
  if (TroupeError.is(err, ACP_ERRORS.connectionClosed)) return `${err.message} before answering initialize${wrote}`;
  if (TroupeError.is(err, ACP_ERRORS.acpError)) return `it answered initialize with an error (${String(err.details?.['message'])}, ${String(err.details?.['code'])})${wrote}; is it an ACP agent?`;
  return `${err instanceof Error ? err.message : String(err)}${wrote}`;
}
