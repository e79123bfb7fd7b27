/**
 * Type-level map from method name to params and result, so builders and
 * validators can be typed by the method string alone.
 */
import type {
  AuthenticateParams, EmptyObject, InitializeParams, InitializeResult, ListSessionsParams,
  ListSessionsResult, LoadSessionParams, NewSessionParams, NewSessionResult, PromptParams, PromptResult,
  ResumeSessionParams, SessionIdParams, SessionSetup, SetSessionConfigOptionParams,
  SetSessionConfigOptionResult, SetSessionModeParams,
} from './agent-methods.js';
import type {
  CancelRequestParams, CreateTerminalParams, CreateTerminalResult, ReadTextFileParams, ReadTextFileResult,
  RequestPermissionParams, RequestPermissionResult, TerminalOutputResult, TerminalParams,
  WaitForTerminalExitResult, WriteTextFileParams,
} from './client-methods.js';
import type { CompleteElicitationParams, CreateElicitationParams, CreateElicitationResult } from './elicitation.js';
import type { SessionNotification } from './session-update.js';

/**
 * Requests the agent handles (client → agent).
 *
 * @example
 * type P = AgentRequestMap['session/new']['params'];
 */
export interface AgentRequestMap {
  initialize: { params: InitializeParams; result: InitializeResult };
  authenticate: { params: AuthenticateParams; result: EmptyObject };
  logout: { params: EmptyObject; result: EmptyObject };
  'session/new': { params: NewSessionParams; result: NewSessionResult };
  'session/load': { params: LoadSessionParams; result: SessionSetup };
  'session/list': { params: ListSessionsParams; result: ListSessionsResult };
  'session/resume': { params: ResumeSessionParams; result: SessionSetup };
  'session/close': { params: SessionIdParams; result: EmptyObject };
  'session/delete': { params: SessionIdParams; result: EmptyObject };
  'session/set_mode': { params: SetSessionModeParams; result: EmptyObject };
  'session/set_config_option': { params: SetSessionConfigOptionParams; result: SetSessionConfigOptionResult };
  'session/prompt': { params: PromptParams; result: PromptResult };
}

/**
 * Requests the client handles (agent → client).
 *
 * @example
 * type R = ClientRequestMap['fs/read_text_file']['result'];
 */
export interface ClientRequestMap {
  'session/request_permission': { params: RequestPermissionParams; result: RequestPermissionResult };
  'fs/read_text_file': { params: ReadTextFileParams; result: ReadTextFileResult };
  'fs/write_text_file': { params: WriteTextFileParams; result: EmptyObject };
  'terminal/create': { params: CreateTerminalParams; result: CreateTerminalResult };
  'terminal/output': { params: TerminalParams; result: TerminalOutputResult };
  'terminal/wait_for_exit': { params: TerminalParams; result: WaitForTerminalExitResult };
  'terminal/kill': { params: TerminalParams; result: EmptyObject };
  'terminal/release': { params: TerminalParams; result: EmptyObject };
  'elicitation/create': { params: CreateElicitationParams; result: CreateElicitationResult };
}

/**
 * Every stable notification, by name.
 *
 * @example
 * type U = NotificationMap['session/update'];
 */
export interface NotificationMap {
  'session/cancel': SessionIdParams;
  'session/update': SessionNotification;
  'elicitation/complete': CompleteElicitationParams;
  '$/cancel_request': CancelRequestParams;
}

/**
 * All requests.
 *
 * @example
 * type R = RequestMap['session/prompt']['result'];
 */
export type RequestMap = AgentRequestMap & ClientRequestMap;
/** A stable request method name. @example const m: RequestMethod = 'session/prompt'; */
export type RequestMethod = keyof RequestMap;
/** A stable notification method name. @example const m: NotificationMethod = 'session/update'; */
export type NotificationMethod = keyof NotificationMap;
/** Any stable method name. @example const m: KnownMethod = '$/cancel_request'; */
export type KnownMethod = RequestMethod | NotificationMethod;

/** The params type of a method. @example type P = ParamsOf<'session/new'>; */
export type ParamsOf<M extends KnownMethod> = M extends RequestMethod
  ? RequestMap[M]['params']
  : M extends NotificationMethod ? NotificationMap[M] : never;

/** The result type of a request method. @example type R = ResultOf<'session/prompt'>; */
export type ResultOf<M extends RequestMethod> = RequestMap[M]['result'];
