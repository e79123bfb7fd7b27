/**
 * Params and results of the methods an agent handles (client → agent,
 * spec §6). Every object may also carry `_meta` and unknown fields, which
 * receivers keep untouched.
 */
import type { AuthMethod } from './auth-method.js';
import type { AgentCapabilities, ClientCapabilities, Implementation } from './capabilities.js';
import type { ContentBlock } from './content.js';
import type { McpServer } from './mcp-server.js';
import type { OpenEnum, WithMeta } from './meta.js';
import type { SessionConfigOption, SessionModeState } from './session-config.js';

/** `initialize` params. @example const p: InitializeParams = { protocolVersion: 1 }; */
export interface InitializeParams extends WithMeta {
  protocolVersion: number;
  clientCapabilities?: ClientCapabilities;
  clientInfo?: Implementation | null;
}

/** `initialize` result. @example const r: InitializeResult = { protocolVersion: 1, authMethods: [] }; */
export interface InitializeResult extends WithMeta {
  protocolVersion: number;
  agentCapabilities?: AgentCapabilities;
  authMethods?: AuthMethod[];
  agentInfo?: Implementation | null;
}

/** `authenticate` params. @example const p: AuthenticateParams = { methodId: 'api-key' }; */
export interface AuthenticateParams extends WithMeta { methodId: string }

/** An empty result or params object (`{}` plus optional `_meta`). @example const r: EmptyObject = {}; */
export type EmptyObject = WithMeta;

/** `session/new` params. @example const p: NewSessionParams = { cwd: '/repo', mcpServers: [] }; */
export interface NewSessionParams extends WithMeta {
  cwd: string;
  mcpServers: McpServer[];
  additionalDirectories?: string[];
}

/**
 * What a session setup reply may describe.
 *
 * @example
 * const s: SessionSetup = { modes: null, configOptions: [] };
 */
export interface SessionSetup extends WithMeta {
  modes?: SessionModeState | null;
  configOptions?: SessionConfigOption[] | null;
}

/** `session/new` result. @example const r: NewSessionResult = { sessionId: 's-1' }; */
export interface NewSessionResult extends SessionSetup { sessionId: string }

/** `session/load` params. @example const p: LoadSessionParams = { sessionId: 's', cwd: '/r', mcpServers: [] }; */
export interface LoadSessionParams extends NewSessionParams { sessionId: string }

/** `session/resume` params (`mcpServers` optional here). @example const p: ResumeSessionParams = { sessionId: 's', cwd: '/r' }; */
export interface ResumeSessionParams extends WithMeta {
  sessionId: string;
  cwd: string;
  mcpServers?: McpServer[];
  additionalDirectories?: string[];
}

/** `session/list` params. @example const p: ListSessionsParams = { cursor: null }; */
export interface ListSessionsParams extends WithMeta {
  cwd?: string | null;
  cursor?: string | null;
}

/**
 * One listed session.
 *
 * @example
 * const info: SessionInfo = { sessionId: 's-1', cwd: '/repo', title: 'Fix build' };
 */
export interface SessionInfo extends WithMeta {
  sessionId: string;
  cwd: string;
  title?: string | null;
  updatedAt?: string | null;
  additionalDirectories?: string[];
}

/** `session/list` result; no `nextCursor` means the end. @example const r: ListSessionsResult = { sessions: [] }; */
export interface ListSessionsResult extends WithMeta {
  sessions: SessionInfo[];
  nextCursor?: string | null;
}

/** Params naming just a session (`session/close`, `session/delete`, `session/cancel`). @example const p: SessionIdParams = { sessionId: 's' }; */
export interface SessionIdParams extends WithMeta { sessionId: string }

/** `session/set_mode` params. @example const p: SetSessionModeParams = { sessionId: 's', modeId: 'ask' }; */
export interface SetSessionModeParams extends WithMeta { sessionId: string; modeId: string }

/**
 * `session/set_config_option` params: a value id, or a boolean with
 * `type: "boolean"` (only if the client advertised boolean config options).
 *
 * @example
 * const p: SetSessionConfigOptionParams = { sessionId: 's', configId: 'model', value: 'fast' };
 */
export type SetSessionConfigOptionParams = WithMeta & { sessionId: string; configId: string } & (
  | { type: 'boolean'; value: boolean }
  | { type?: never; value: string }
);

/**
 * `session/set_config_option` result: the full current list.
 *
 * @example
 * const r: SetSessionConfigOptionResult = { configOptions: [] };
 */
export interface SetSessionConfigOptionResult extends WithMeta { configOptions: SessionConfigOption[] }

/**
 * Why a turn ended. An unknown received value is kept as the raw string (§17).
 *
 * @example
 * const r: StopReason = 'cancelled';
 */
export type StopReason = 'end_turn' | 'max_tokens' | 'max_turn_requests' | 'refusal' | 'cancelled';

/** `session/prompt` params. @example const p: PromptParams = { sessionId: 's', prompt: [{ type: 'text', text: 'hi' }] }; */
export interface PromptParams extends WithMeta {
  sessionId: string;
  prompt: ContentBlock[];
}

/** `session/prompt` result. @example const r: PromptResult = { stopReason: 'end_turn' }; */
export interface PromptResult extends WithMeta { stopReason: OpenEnum<StopReason> }
