import type { ActorRef, ActorSystem } from '@troupe/runtime';
import type { SessionConfigOption, SessionModeState, SessionUpdate } from '@troupe/protocol-stdio';
import { sessionBehavior } from './session-actor.js';
import type { AcpSessionStore, SessionRecord } from './session-store.js';

/**
 * What a session needs of its running turn (a `PromptTurn`): an interface, so the session and the
 * turn that drives it do not import each other.
 */
export interface ActiveTurn {
  cancel(options?: { force?: boolean }): void;
}

/**
 * Serve-side state of one ACP session: its Session actor (spawned under the served agent, revived
 * if the agent restarted and took it down), the active turn, modes and config options, and the
 * history replayed by `session/load` when a session store is configured.
 *
 * @example
 * const s = new ServedSession('sess-1', '/repo', [], system, agentRef, undefined);
 * s.ref().ask('hi');
 */
export class ServedSession implements SessionRecord {
  turn: ActiveTurn | undefined;
  /** MCP servers the client asked the agent to connect to (§10.4), for the agent to use. */
  mcpServers: readonly unknown[] = [];
  modes: SessionModeState | undefined;
  configOptions: SessionConfigOption[] | undefined;
  title?: string;
  updatedAt: string;
  private actor: ActorRef | undefined;

  constructor(
    readonly id: string,
    readonly cwd: string,
    readonly additionalDirectories: readonly string[],
    private readonly system: ActorSystem,
    private readonly agent: ActorRef,
    /** Present when the connection keeps sessions and history (`sessionStore`). */
    private readonly keep: AcpSessionStore | undefined,
  ) {
    this.history = keep ? [] : undefined;
    this.updatedAt = new Date(system.clock.now()).toISOString();
  }

  /** Updates of the running turn, appended to the store when it ends; undefined without a store. */
  history: SessionUpdate[] | undefined;

  /** The live Session actor, spawning it on first use or after it stopped. */
  ref(): ActorRef {
    if (this.actor && this.actor.state !== 'stopped') return this.actor;
    const name = `session-${this.id}`;
    const behavior = sessionBehavior(this.agent, this.id);
    try {
      this.actor = this.system.spawn(behavior, { parent: this.agent, name });
    } catch {
      // The served ref is not a local actor (a workflow, a remote ref): host the session at top level.
      this.actor = this.system.spawn(behavior, { name: `acp-${name}-${this.system.clock.now().toString(36)}` });
    }
    return this.actor;
  }

  endTurn(turn: ActiveTurn): void {
    if (this.turn === turn) this.turn = undefined;
    this.updatedAt = new Date(this.system.clock.now()).toISOString();
    if (this.keep && this.history) {
      const done = this.history;
      this.history = [];
      void this.keep.append(this.id, done).then(() => this.keep?.save(this.record()));
    }
  }

  /** Cancels the active turn at once (no grace: the client is gone) and stops the Session actor. */
  async close(): Promise<void> {
    this.turn?.cancel({ force: true });
    const actor = this.actor;
    this.actor = undefined;
    if (actor) await this.system.stop(actor);
  }

  record(): SessionRecord {
    const r: SessionRecord = { id: this.id, cwd: this.cwd, additionalDirectories: this.additionalDirectories, updatedAt: this.updatedAt };
    if (this.title !== undefined) r.title = this.title;
    return r;
  }
}
