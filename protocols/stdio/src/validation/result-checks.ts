/**
 * One result check per stable request method, for the side that sent the
 * request (drive validates the agent's results, serve the client's).
 * Stop reasons and other value enums are open (§17).
 */
import type { RequestMethod } from '../types/method-map.js';
import { bool, fail, isObj, object, str, tagged, uint, arrayOf, type Check, type Failure, type Obj } from './check.js';
import { protocolVersionCheck } from './params-checks.js';
import { authMethodCheck, capabilitiesCheck, configOptionsCheck, implementationCheck, sessionModeStateCheck } from './session-checks.js';

const empty = object({});
const setup = { modes: sessionModeStateCheck, configOptions: configOptionsCheck };
const exitStatus = { exitCode: uint, signal: str };

const elicitationValue: Check = (v) => {
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return undefined;
  return arrayOf(str)(v) === undefined ? undefined : fail('must be a string, number, boolean or string array');
};

const acceptedContent = (o: Obj): Failure | undefined => {
  const content = o['content'];
  if (o['action'] !== 'accept' || content === undefined || content === null) return undefined;
  if (!isObj(content)) return { segments: ['content'], reason: 'must be an object' };
  for (const key in content) {
    const f = elicitationValue(content[key]);
    if (f !== undefined) return { segments: [key, 'content'], reason: f.reason };
  }
  return undefined;
};

/** Result checks by request method. */
export const RESULT_CHECKS: Readonly<Record<RequestMethod, Check>> = {
  initialize: object({
    required: { protocolVersion: protocolVersionCheck },
    optional: { agentCapabilities: capabilitiesCheck, authMethods: arrayOf(authMethodCheck), agentInfo: implementationCheck },
  }),
  authenticate: empty,
  logout: empty,
  'session/new': object({ required: { sessionId: str }, optional: setup }),
  'session/load': object({ optional: setup }),
  'session/resume': object({ optional: setup }),
  'session/list': object({
    required: {
      sessions: arrayOf(object({
        required: { sessionId: str, cwd: str },
        optional: { title: str, updatedAt: str, additionalDirectories: arrayOf(str) },
      })),
    },
    optional: { nextCursor: str },
  }),
  'session/close': empty,
  'session/delete': empty,
  'session/set_mode': empty,
  'session/set_config_option': object({ required: { configOptions: configOptionsCheck } }),
  'session/prompt': object({ required: { stopReason: str } }),
  'session/request_permission': object({
    required: {
      outcome: tagged('outcome', {
        cancelled: object({}),
        selected: object({ required: { optionId: str } }),
      }),
    },
  }),
  'fs/read_text_file': object({ required: { content: str } }),
  'fs/write_text_file': empty,
  'terminal/create': object({ required: { terminalId: str } }),
  'terminal/output': object({ required: { output: str, truncated: bool }, optional: { exitStatus: object({ optional: exitStatus }) } }),
  'terminal/wait_for_exit': object({ optional: exitStatus }),
  'terminal/kill': empty,
  'terminal/release': empty,
  'elicitation/create': object({ required: { action: str }, refine: acceptedContent }),
};
