import { EMPTY, Observable, catchError, filter, map, throwError, type Subscription } from 'rxjs';
import {
  TroupeError, toMessage, type ActorEvent, type ActorRef, type AskOptions, type Behavior, type LifecycleHandle,
  type Clock, type MessageInput, type Part, type SendOptions, type SpawnOptions, type Spawnable,
} from '@troupe/runtime';
import { peerLinkMachine } from '@troupe/actors';
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
 * A driven ACP agent as an actor (spec §2 drive): a peer-link actor hosting `peerLinkMachine`
 * owns the subprocess, restarts it with backoff when it dies, and fails it for good on a protocol
 * version mismatch. The ref it hands out asks the agent directly, so errors reach callers typed
 * (`connection_closed`, `capability_not_supported`…) and never crash the link; while the link is
 * down, calls fail at once instead of hanging.
 *
 * @example
 * const coder = (await system.connect({ command: ['my-acp-agent'], cwd: '/repo' })) as AcpAgentLink;
 * coder.ask('fix the test').subscribe((part) => render(part));
 */
export class AcpAgentLink implements ActorRef {
  readonly cell: ActorRef;
  private machine: LifecycleHandle | undefined;
  private proc: AgentProcess | undefined;
  private client: AcpClient | undefined;
  private defaultSession: Promise<DriveSession> | undefined;
  private lastError: Error | undefined;
  private waiters: { resolve: (c: AcpClient) => void; reject: (e: Error) => void }[] = [];
  private stateSub: Subscription | undefined;
  private closing = false;

  constructor(
    spawn: (target: Spawnable, options?: SpawnOptions) => ActorRef,
    private readonly options: AcpConnectOptions,
    private readonly report: (e: EndpointEvent) => void,
    private readonly clock: Clock,
  ) {
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
        this.machine = ctx.lifecycle;
        this.stateSub = ctx.self.events$.pipe(filter((e: ActorEvent) => e.type === 'state')).subscribe((e) => {
          if (e.type === 'state' && e.value === 'connecting') void this.launch();
          if (e.type === 'state' && e.value === 'closed') this.failWaiters(this.lastError ?? new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP agent link is closed'));
        });
        this.machine?.send({ type: 'CONNECT' });
      },
      stop: () => this.shutdown(),
      // Messages that come through the mailbox (a tell, a lookup) run as prompts; errors are reported, not crashes.
      receive: (message) => this.ask(message).pipe(catchError((err: unknown) => {
        this.report({ level: 'warn', msg: `prompt to ${this.address} failed: ${(err as Error).message}` });
        return EMPTY;
      })),
    };
    this.cell = spawn(behavior, { name: options.name ?? `acp-${++linkCounter}` });
  }

  get address(): string { return this.cell.address; }
  get name(): string { return this.cell.name; }
  get state(): string { return this.cell.state; }
  get events$(): Observable<ActorEvent> { return this.cell.events$; }

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
  turn(message: MessageInput): Observable<DriveEvent> {
    const msg = toMessage(message);
    return new Observable<DriveEvent>((subscriber) => {
      let inner: Subscription | undefined;
      let done = false;
      this.ready()
        .then(async (client) => {
          const session = await this.sessionFor(client, msg.conversationId);
          if (done) return;
          const blocks = msg.parts.map(partToBlock).filter((b) => b !== undefined);
          inner = client.prompt(session.id, blocks).subscribe({
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
    const flow: FlowControl = { pause: () => this.proc?.endpoint.channel.pause(), resume: () => this.proc?.endpoint.channel.resume() };
    return pullStream(this.turn(message), flow, options);
  }

  /**
   * The turn's updates as Parts (each with the received update in `metadata.acp`); unsubscribe
   * cancels. An error reply of the agent fails the ask with `HANDLER_FAILED` (or `AUTH_REQUIRED`)
   * and the agent's JSON-RPC error as cause (see `askFailure`).
   */
  ask(message: MessageInput, options?: AskOptions): Observable<Part> {
    const parts = this.turn(message).pipe(
      filter((e) => e.type === 'update'),
      map((e) => (e as Extract<DriveEvent, { type: 'update' }>).part),
      catchError((err: unknown) => throwError(() => askFailure(this.options.command, err))),
    );
    const timeoutMs = options?.timeoutMs;
    if (timeoutMs === undefined) return parts;
    return new Observable<Part>((subscriber) => {
      const sub = parts.subscribe(subscriber);
      const t = setTimeout(() => { sub.unsubscribe(); subscriber.error(new TroupeError('ASK_TIMEOUT', `no answer from ${this.address} within ${timeoutMs} ms`)); }, timeoutMs);
      return () => { clearTimeout(t); sub.unsubscribe(); };
    });
  }

  tell(message: MessageInput, _options?: SendOptions): boolean {
    this.ask(message).subscribe({ error: (err: unknown) => this.report({ level: 'warn', msg: `prompt failed: ${(err as Error).message}` }) });
    return !this.closing;
  }

  send(message: MessageInput, _options?: SendOptions): Promise<void> {
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
