import type { AuthMethod, Implementation, Meta, SessionConfigOption, SessionModeState, SessionUpdate } from '@troupe/protocol-stdio';
import type { RequestContext } from '../connection/rpc-endpoint.js';

/** A session as the `onSessionOpen` hook sees it. */
export interface OpenedSession {
  readonly sessionId: string;
  readonly cwd: string;
  /** Sends a session-level update. Before the setup response it is held and written right after it (O2). */
  update(update: SessionUpdate): void;
}

/** Options of the serve side (one ACP connection over stdio). */
export interface AcpServeOptions {
  /** `agentInfo` of the `initialize` reply. Default: the agent card's name, Troupe's version. */
  readonly agentInfo?: Implementation;
  /** Auth methods of type `agent` the agent offers (default none, §5.2). */
  readonly authMethods?: readonly AuthMethod[];
  /** Session methods answer -32000 until an `authenticate` succeeded (§5.2). */
  readonly requireAuth?: boolean;
  /** Runs an `authenticate` request; throw to refuse. */
  readonly authenticate?: (methodId: string) => void | Promise<void>;
  /** Keep sessions and their history: advertises loadSession and session list/resume/close/delete. */
  readonly sessionStore?: boolean;
  /** Prompt blocks beyond text and resource links the agent accepts. */
  readonly prompt?: { readonly image?: boolean; readonly audio?: boolean; readonly embeddedContext?: boolean };
  /** Initial modes of each new session (legacy selector, §10.6). */
  readonly modes?: SessionModeState;
  /** Initial config options of each new session. */
  readonly configOptions?: readonly SessionConfigOption[];
  /** Called while `session/new` (or load/resume) is handled; updates sent from here follow the response. */
  readonly onSessionOpen?: (session: OpenedSession) => void | Promise<void>;
  /** Handlers of `_`-prefixed extension requests, by method name (§15). Others get -32601. */
  readonly extensions?: Readonly<Record<string, (params: unknown, ctx: RequestContext) => unknown>>;
  /** `_meta` of the agent capabilities (advertise extensions here). */
  readonly capabilitiesMeta?: Meta;
  /** Timeout of agent → client requests other than permission, elicitation and wait_for_exit (ms). Default 30 s (§13.2). */
  readonly requestTimeoutMs?: number;
  /**
   * What to do with `progress` parts, which ACP has no variant for: `drop` them (default) or send
   * each note as an `agent_thought_chunk` line, so an editor shows what a long pipeline is doing.
   * Thoughts go out only until the answer starts: a thought between two message chunks would cut
   * the client's answer text in pieces, so notes after the first message chunk are dropped.
   */
  readonly progress?: 'drop' | 'thought';
  /**
   * After `session/cancel`, how long the agent may wind down (its updates still sent) before the
   * prompt is answered `cancelled` anyway (§13.1). Default 5,000 ms.
   */
  readonly cancelGraceMs?: number;
  /** Longest accepted line. Default 32 MiB. */
  readonly maxMessageBytes?: number;
}
