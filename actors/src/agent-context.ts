import type { ActorContext, Origin } from '@troupe/runtime';
import { noClient, type ClientBridge } from './client-bridge.js';

/** The conversation a message belongs to, as the delivering plugin knows it. */
export interface SessionInfo {
  readonly id: string;
  /** Working directory of the session (ACP `cwd`). */
  readonly cwd?: string;
  readonly [key: string]: unknown;
}

/** The task a message belongs to (relay tasks, ACP prompt turns). */
export interface TaskInfo {
  readonly id: string;
  readonly contextId?: string;
  /** Current state name (`working`, `input_required`…). */
  readonly state: string;
}

/**
 * What `onMessage` receives besides the message: the runtime's ActorContext (self, sender, reply,
 * ask, spawn, signal, progress) plus the session, the task and the client of the message's origin.
 */
export interface AgentContext extends ActorContext {
  readonly session: SessionInfo | undefined;
  readonly task: TaskInfo | undefined;
  readonly client: ClientBridge;
}

/** Fields a plugin may put in a message's Origin for agents to read. */
export interface AgentOrigin extends Origin {
  readonly session?: SessionInfo;
  readonly task?: TaskInfo;
  readonly client?: ClientBridge;
}

const localClient = noClient('from a local actor');

/**
 * The AgentContext of one message: delegates to the runtime's context and reads session, task and
 * client from the origin on access (a class rather than a spread, since one is built per message).
 */
class MessageAgentContext implements AgentContext {
  constructor(private readonly inner: ActorContext) {}
  get self() { return this.inner.self; }
  get system() { return this.inner.system; }
  get message() { return this.inner.message; }
  get sender() { return this.inner.sender; }
  get origin() { return this.inner.origin; }
  get signal() { return this.inner.signal; }
  get lifecycle() { return this.inner.lifecycle; }
  get session(): SessionInfo | undefined { return (this.inner.origin as AgentOrigin | undefined)?.session; }
  get task(): TaskInfo | undefined { return (this.inner.origin as AgentOrigin | undefined)?.task; }
  get client(): ClientBridge {
    const origin = this.inner.origin as AgentOrigin | undefined;
    return origin?.client ?? (origin ? noClient(`over ${origin.protocol}`) : localClient);
  }
  reply(...parts: Parameters<ActorContext['reply']>): void { this.inner.reply(...parts); }
  progress(note: string, ratio?: number): void { this.inner.progress(note, ratio); }
  spawn(...args: Parameters<ActorContext['spawn']>) { return this.inner.spawn(...args); }
  tell(...args: Parameters<ActorContext['tell']>) { return this.inner.tell(...args); }
  send(...args: Parameters<ActorContext['send']>) { return this.inner.send(...args); }
  ask(...args: Parameters<ActorContext['ask']>) { return this.inner.ask(...args); }
}

/** Extends an ActorContext with the origin's session, task and client. */
export function agentContext(ctx: ActorContext): AgentContext {
  return new MessageAgentContext(ctx);
}
