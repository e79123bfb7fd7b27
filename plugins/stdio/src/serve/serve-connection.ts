import { randomId, type ActorRef, type ActorSystem } from '@troupe/runtime';
import {
  alreadyInitialized, authMethodListable, authRequired, checkPromptBlocks, checkSessionSetupParams, configOptionsSendable, invalidParams, isAbsolutePath,
  isKnownMethod, methodAllowed, methodNotFound, negotiateProtocolVersion, notInitialized, sessionNotFound,
  troupeAgentCapabilities, turnAlreadyActive, updateSendable, validateParams,
  type AgentCapabilities, type ClientCapabilities, type InitializeResult, type KnownMethod, type ParamsOf, type SessionUpdate,
} from '@troupe/protocol-stdio';
import { RpcFailure } from '../errors.js';
import { ReplyThen, type RequestContext, type RpcEndpoint } from '../connection/rpc-endpoint.js';
import { PromptTurn } from './prompt-turn.js';
import { ServedSession } from './served-session.js';
import { AcpSessionStore } from './session-store.js';
import type { AcpServeOptions } from './serve-options.js';

type Report = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;


/**
 * The agent side of one ACP connection (spec §4–§9, §13, §14): the initialization gate, every
 * agent method, sessions as Session actors under the served agent, prompts as turns. Requests are
 * validated first (-32602 naming the field); gated methods the agent does not implement get -32601.
 *
 * @example
 * new ServeConnection(endpoint, system, agentRef, { sessionStore: true }, report).start();
 */
export class ServeConnection {
  private initialized = false;
  private authenticated = false;
  private client: ClientCapabilities | undefined;
  private readonly caps: AgentCapabilities;
  private readonly sessions = new Map<string, ServedSession>();
  private readonly store: AcpSessionStore | undefined;

  constructor(
    private readonly endpoint: RpcEndpoint,
    private readonly system: ActorSystem,
    private readonly agent: ActorRef,
    private readonly options: AcpServeOptions,
    readonly report: Report,
  ) {
    this.store = options.sessionStore ? new AcpSessionStore(system.store) : undefined;
    this.caps = troupeAgentCapabilities({
      sessionStore: options.sessionStore === true,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      ...(options.capabilitiesMeta ? { meta: options.capabilitiesMeta } : {}),
    });
  }

  /** Starts serving. */
  start(): void {
    this.endpoint.start({
      request: (method, params, ctx) => this.onRequest(method, params, ctx),
      notification: (method, params) => this.onNotification(method, params),
    });
    // EOF (§3.6): cancel every active turn as if session/cancel had arrived; nothing is answered.
    this.endpoint.onClose(() => {
      for (const s of this.sessions.values()) void s.close();
    });
  }

  /** Sessions currently open. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  private onNotification(method: string, params: unknown): void {
    if (!this.initialized) return;
    if (method === 'session/cancel') {
      const v = validateParams('session/cancel', params);
      if (v.ok) this.sessions.get(v.value.sessionId)?.turn?.cancel();
      return;
    }
    this.report('debug', `notification ${method} ignored`);
  }

  private onRequest(method: string, params: unknown, ctx: RequestContext): unknown {
    if (method === 'initialize') return this.initialize(params);
    if (!this.initialized) throw new RpcFailure(notInitialized(method));
    if (!isKnownMethod(method)) {
      const ext = this.options.extensions?.[method];
      if (ext && method.startsWith('_')) return ext(params, ctx);
      throw new RpcFailure(methodNotFound(method));
    }
    // set_mode / set_config_option are gated per session (checked against that session below).
    const perSession = method === 'session/set_mode' || method === 'session/set_config_option';
    if ((!perSession && !methodAllowed(method, { agent: this.caps })) || method === 'logout') throw new RpcFailure(methodNotFound(method));
    const v = validateParams(method, params);
    if (!v.ok) throw new RpcFailure(v.error);
    // §5.2: with requireAuth, session methods fail with -32000 until an authenticate succeeded.
    if (this.options.requireAuth === true && !this.authenticated && method.startsWith('session/')) throw new RpcFailure(authRequired());
    return this.dispatch(method, v.value, ctx);
  }

  private dispatch(method: KnownMethod, p: unknown, ctx: RequestContext): unknown {
    switch (method) {
      case 'authenticate': return this.authenticate(p as ParamsOf<'authenticate'>);
      case 'session/new': return this.openSession(p as ParamsOf<'session/new'>, undefined, false);
      case 'session/load': return this.openSession(p as ParamsOf<'session/load'>, (p as ParamsOf<'session/load'>).sessionId, true);
      case 'session/resume': return this.openSession(p as ParamsOf<'session/resume'>, (p as ParamsOf<'session/resume'>).sessionId, false);
      case 'session/list': return this.list(p as ParamsOf<'session/list'>);
      case 'session/close': return this.close((p as ParamsOf<'session/close'>).sessionId, false);
      case 'session/delete': return this.close((p as ParamsOf<'session/delete'>).sessionId, true);
      case 'session/set_mode': return this.setMode(p as ParamsOf<'session/set_mode'>);
      case 'session/set_config_option': return this.setConfig(p as ParamsOf<'session/set_config_option'>);
      case 'session/prompt': return this.prompt(p as ParamsOf<'session/prompt'>, ctx);
      default: throw new RpcFailure(methodNotFound(method));
    }
  }

  private initialize(params: unknown): InitializeResult {
    if (this.initialized) throw new RpcFailure(alreadyInitialized());
    const v = validateParams('initialize', params);
    if (!v.ok) throw new RpcFailure(v.error);
    this.initialized = true;
    this.client = v.value.clientCapabilities;
    const card = this.system.cardOf(this.agent);
    const name = typeof card?.['name'] === 'string' ? card['name'] : this.agent.name;
    return {
      protocolVersion: negotiateProtocolVersion(v.value.protocolVersion),
      agentCapabilities: this.caps,
      // Terminal auth methods only for clients that can run them (§5.2).
      authMethods: (this.options.authMethods ?? []).filter((m) => authMethodListable(this.client, m as { type?: string })),
      agentInfo: this.options.agentInfo ?? { name, version: typeof card?.['version'] === 'string' ? card['version'] : '0.1.0' },
    };
  }

  private async authenticate(p: ParamsOf<'authenticate'>): Promise<object> {
    const known = (this.options.authMethods ?? []).some((m) => m.id === p.methodId && (m as { type?: string }).type === undefined);
    if (!known) throw new RpcFailure(invalidParams(['methodId'], `unknown auth method ${JSON.stringify(p.methodId)}`));
    await this.options.authenticate?.(p.methodId);
    this.authenticated = true;
    return {};
  }

  private session(sessionId: string): ServedSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new RpcFailure(sessionNotFound(sessionId));
    return s;
  }

  private async openSession(p: ParamsOf<'session/new'> | ParamsOf<'session/resume'>, existing: string | undefined, replay: boolean): Promise<ReplyThen> {
    const dirs = p.additionalDirectories ?? [];
    const bad = dirs.findIndex((d) => !isAbsolutePath(d));
    if (bad >= 0) throw new RpcFailure(invalidParams(['additionalDirectories', bad], 'must be an absolute path'));
    const gateErr = checkSessionSetupParams(this.caps, p);
    if (gateErr) throw new RpcFailure(gateErr);
    let session: ServedSession;
    if (existing !== undefined) {
      session = this.sessions.get(existing) ?? (await this.revive(existing, p.cwd, dirs));
    } else {
      session = this.create(randomId('sess'), p.cwd, dirs);
      await this.store?.save(session.record());
    }
    session.mcpServers = p.mcpServers ?? session.mcpServers;
    session.ref();
    // session/load replays the whole history before its response (O3); new and resume send nothing before it (O2).
    if (replay && this.store) {
      for (const u of [...(await this.store.history(session.id)), ...(session.history ?? [])]) {
        this.endpoint.notifyNow('session/update', { sessionId: session.id, update: u });
      }
    }
    const held: SessionUpdate[] = [];
    let responded = false;
    const update = (u: SessionUpdate): void => {
      const gate = updateSendable(this.client, u);
      if (!gate.ok) return this.report('warn', `session/update ${u.sessionUpdate} not sent: ${gate.reason}`);
      if (responded) this.endpoint.notifyNow('session/update', { sessionId: session.id, update: u });
      else held.push(u);
    };
    await this.options.onSessionOpen?.({ sessionId: session.id, cwd: session.cwd, update });
    const result: Record<string, unknown> = existing === undefined ? { sessionId: session.id } : {};
    if (session.modes) result['modes'] = session.modes;
    if (session.configOptions && configOptionsSendable(this.client, session.configOptions)) result['configOptions'] = session.configOptions;
    // The held updates go out right after the response frame (O2).
    return new ReplyThen(result, () => {
      responded = true;
      for (const u of held) this.endpoint.notifyNow('session/update', { sessionId: session.id, update: u });
    });
  }

  private create(id: string, cwd: string, dirs: readonly string[]): ServedSession {
    const session = new ServedSession(id, cwd, dirs, this.system, this.agent, this.store);
    session.modes = this.options.modes ? structuredClone(this.options.modes) : undefined;
    session.configOptions = this.options.configOptions ? structuredClone([...this.options.configOptions]) : undefined;
    this.sessions.set(id, session);
    return session;
  }

  /** A stored session this process has not opened yet (the agent restarted since). */
  private async revive(id: string, cwd: string, dirs: readonly string[]): Promise<ServedSession> {
    const record = await this.store?.load(id);
    if (!record) throw new RpcFailure(sessionNotFound(id));
    const session = this.create(id, cwd, dirs.length > 0 ? dirs : record.additionalDirectories);
    if (record.title !== undefined) session.title = record.title;
    return session;
  }

  private async list(p: ParamsOf<'session/list'>): Promise<object> {
    const sessions = (await this.store?.list() ?? [])
      .filter((s) => p.cwd === undefined || p.cwd === null || s.cwd === p.cwd)
      .map((s) => {
        const info: Record<string, unknown> = { sessionId: s.id, cwd: s.cwd, updatedAt: this.sessions.get(s.id)?.updatedAt ?? s.updatedAt };
        if (s.title !== undefined) info['title'] = s.title;
        if (s.additionalDirectories.length > 0) info['additionalDirectories'] = s.additionalDirectories;
        return info;
      });
    return { sessions };
  }

  private async close(sessionId: string, remove: boolean): Promise<object> {
    const s = this.sessions.get(sessionId);
    if (remove) await this.store?.remove(sessionId);
    if (!s) {
      if (remove) return {};
      throw new RpcFailure(sessionNotFound(sessionId));
    }
    await s.close();
    this.sessions.delete(sessionId);
    return {};
  }

  private setMode(p: ParamsOf<'session/set_mode'>): object {
    const s = this.session(p.sessionId);
    if (!s.modes) throw new RpcFailure(methodNotFound('session/set_mode'));
    if (!s.modes.availableModes.some((m) => m.id === p.modeId)) throw new RpcFailure(invalidParams(['modeId'], `unknown mode ${JSON.stringify(p.modeId)}`));
    s.modes.currentModeId = p.modeId;
    return {};
  }

  private setConfig(p: ParamsOf<'session/set_config_option'>): object {
    const s = this.session(p.sessionId);
    const option = s.configOptions?.find((o) => o.id === p.configId);
    if (!s.configOptions || !option) throw new RpcFailure(invalidParams(['configId'], `unknown config option ${JSON.stringify(p.configId)}`));
    if (option.type === 'boolean' ? typeof p.value !== 'boolean' : typeof p.value !== 'string') {
      throw new RpcFailure(invalidParams(['value'], `does not fit the ${option.type} option ${option.id}`));
    }
    (option as { currentValue: unknown }).currentValue = p.value;
    return { configOptions: s.configOptions };
  }

  private prompt(p: ParamsOf<'session/prompt'>, ctx: RequestContext): Promise<object> {
    const s = this.session(p.sessionId);
    const blockErr = checkPromptBlocks(this.caps, p.prompt);
    if (blockErr) throw new RpcFailure(blockErr);
    if (s.turn) throw new RpcFailure(turnAlreadyActive(s.id));
    const turn = new PromptTurn({
      endpoint: this.endpoint,
      client: this.client,
      report: this.report,
      clock: this.system.clock,
      ...(this.options.progress ? { progress: this.options.progress } : {}),
      ...(this.options.cancelGraceMs !== undefined ? { cancelGraceMs: this.options.cancelGraceMs } : {}),
      taskState: (address, taskId, state) => this.system.emit({ type: '@troupe.task', address, taskId, state }),
    }, s, p);
    s.turn = turn;
    return turn.run(ctx.signal);
  }

  /** Closes every session (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
  }
}

