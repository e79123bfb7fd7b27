/**
 * Method names as constants (spec §6–§8). Names only; what each method is
 * and who may call it lives in the method catalogue.
 */

/**
 * Methods the agent handles (client → agent).
 *
 * @example
 * frame.method === AGENT_METHODS.sessionPrompt; // 'session/prompt'
 */
export const AGENT_METHODS = {
  initialize: 'initialize',
  authenticate: 'authenticate',
  logout: 'logout',
  sessionNew: 'session/new',
  sessionLoad: 'session/load',
  sessionList: 'session/list',
  sessionResume: 'session/resume',
  sessionClose: 'session/close',
  sessionDelete: 'session/delete',
  sessionSetMode: 'session/set_mode',
  sessionSetConfigOption: 'session/set_config_option',
  sessionPrompt: 'session/prompt',
  sessionCancel: 'session/cancel',
} as const;

/**
 * Methods the client handles (agent → client).
 *
 * @example
 * frame.method === CLIENT_METHODS.sessionUpdate; // 'session/update'
 */
export const CLIENT_METHODS = {
  sessionUpdate: 'session/update',
  sessionRequestPermission: 'session/request_permission',
  fsReadTextFile: 'fs/read_text_file',
  fsWriteTextFile: 'fs/write_text_file',
  terminalCreate: 'terminal/create',
  terminalOutput: 'terminal/output',
  terminalWaitForExit: 'terminal/wait_for_exit',
  terminalKill: 'terminal/kill',
  terminalRelease: 'terminal/release',
  elicitationCreate: 'elicitation/create',
  elicitationComplete: 'elicitation/complete',
} as const;

/**
 * Methods either side may send.
 *
 * @example
 * const cancel = { method: PROTOCOL_METHODS.cancelRequest, params: { requestId: 3 } };
 */
export const PROTOCOL_METHODS = {
  cancelRequest: '$/cancel_request',
} as const;

/**
 * Names from the unstable and draft surface (spec §16). Troupe implements
 * none of them; it recognises them to answer `-32601` cleanly and report them.
 *
 * @example
 * UNSTABLE_METHODS.has('session/fork'); // true
 */
export const UNSTABLE_METHODS: ReadonlySet<string> = new Set([
  'session/fork', 'session/archive', 'session/unarchive', 'session/status', 'session/set_title',
  'providers/list', 'providers/set', 'providers/disable', 'auth/status', 'auth/status_update',
  'mcp/message', 'mcp/connect', 'mcp/disconnect', 'proxy/initialize', 'proxy/successor',
  'nes/start', 'nes/suggest', 'nes/accept', 'nes/reject', 'nes/close',
  'document/didOpen', 'document/didChange', 'document/didClose', 'document/didSave', 'document/didFocus',
  'session/set_model',
]);
