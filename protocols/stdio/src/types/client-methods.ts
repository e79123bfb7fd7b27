/**
 * Params and results of the methods a client handles (agent → client,
 * spec §7), plus `$/cancel_request` (§8).
 */
import type { JsonRpcId } from './json-rpc.js';
import type { NameValue } from './mcp-server.js';
import type { OpenEnum, WithMeta } from './meta.js';
import type { ToolCallFields } from './tool-call.js';

/**
 * How a permission option behaves.
 *
 * @example
 * const k: PermissionOptionKind = 'allow_once';
 */
export type PermissionOptionKind = 'allow_once' | 'allow_always' | 'reject_once' | 'reject_always';

/**
 * One choice offered to the user.
 *
 * @example
 * const o: PermissionOption = { optionId: 'ok', name: 'Allow once', kind: 'allow_once' };
 */
export interface PermissionOption extends WithMeta {
  optionId: string;
  name: string;
  kind: OpenEnum<PermissionOptionKind>;
}

/**
 * `session/request_permission` params.
 *
 * @example
 * const p: RequestPermissionParams = { sessionId: 's', toolCall: { toolCallId: 't1' },
 *   options: [{ optionId: 'ok', name: 'Allow', kind: 'allow_once' }] };
 */
export interface RequestPermissionParams extends WithMeta {
  sessionId: string;
  toolCall: ToolCallFields;
  options: PermissionOption[];
}

/**
 * The user's answer; `cancelled` whenever the turn was cancelled.
 *
 * @example
 * const o: PermissionOutcome = { outcome: 'selected', optionId: 'ok' };
 */
export type PermissionOutcome =
  | (WithMeta & { outcome: 'selected'; optionId: string })
  | { outcome: 'cancelled' };

/** `session/request_permission` result. @example const r: RequestPermissionResult = { outcome: { outcome: 'cancelled' } }; */
export interface RequestPermissionResult extends WithMeta { outcome: PermissionOutcome }

/** `fs/read_text_file` params. @example const p: ReadTextFileParams = { sessionId: 's', path: '/a.txt', line: 1, limit: 10 }; */
export interface ReadTextFileParams extends WithMeta {
  sessionId: string;
  path: string;
  line?: number | null;
  limit?: number | null;
}

/** `fs/read_text_file` result. @example const r: ReadTextFileResult = { content: 'x' }; */
export interface ReadTextFileResult extends WithMeta { content: string }

/** `fs/write_text_file` params. @example const p: WriteTextFileParams = { sessionId: 's', path: '/a.txt', content: 'x' }; */
export interface WriteTextFileParams extends WithMeta {
  sessionId: string;
  path: string;
  content: string;
}

/** `terminal/create` params. @example const p: CreateTerminalParams = { sessionId: 's', command: 'ls' }; */
export interface CreateTerminalParams extends WithMeta {
  sessionId: string;
  command: string;
  args?: string[];
  env?: NameValue[];
  cwd?: string | null;
  outputByteLimit?: number | null;
}

/** `terminal/create` result. @example const r: CreateTerminalResult = { terminalId: 'term-1' }; */
export interface CreateTerminalResult extends WithMeta { terminalId: string }

/** Params of `terminal/output`, `wait_for_exit`, `kill`, `release`. @example const p: TerminalParams = { sessionId: 's', terminalId: 't' }; */
export interface TerminalParams extends WithMeta { sessionId: string; terminalId: string }

/**
 * How a command ended; `exitCode` is null when a signal killed it.
 *
 * @example
 * const s: TerminalExitStatus = { exitCode: null, signal: 'SIGTERM' };
 */
export interface TerminalExitStatus extends WithMeta {
  exitCode?: number | null;
  signal?: string | null;
}

/** `terminal/output` result. @example const r: TerminalOutputResult = { output: '', truncated: false }; */
export interface TerminalOutputResult extends WithMeta {
  output: string;
  truncated: boolean;
  exitStatus?: TerminalExitStatus | null;
}

/** `terminal/wait_for_exit` result. @example const r: WaitForTerminalExitResult = { exitCode: 0 }; */
export type WaitForTerminalExitResult = TerminalExitStatus;

/** `$/cancel_request` params. @example const p: CancelRequestParams = { requestId: 3 }; */
export interface CancelRequestParams extends WithMeta { requestId: JsonRpcId }
