/**
 * One params check per stable method (spec §6–§8). Paths that must be
 * absolute (`cwd`, `additionalDirectories`, fs paths, terminal `cwd`) are
 * checked here: a relative one is `-32602` [Troupe, §5.3].
 */
import type { KnownMethod } from '../types/method-map.js';
import { isJsonRpcId } from '../json-rpc/classify-message.js';
import { contentBlocksCheck } from './content-checks.js';
import {
  absPath, arrayOf, fail, object, recordOf, str, tagged, uint, type Check, type Failure, type Obj,
} from './check.js';
import { capabilitiesCheck, implementationCheck, mcpServerCheck } from './session-checks.js';
import { permissionOptionCheck, toolCallFieldsCheck } from './tool-call-checks.js';
import { UPDATE_CHECKS } from './update-checks.js';

const sessionId = { sessionId: str };
const terminal = object({ required: { sessionId: str, terminalId: str } });
const empty = object({});

export const protocolVersionCheck: Check = (v) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535 ? undefined : fail('must be an integer in 0..65535');

const requestIdCheck: Check = (v) => (isJsonRpcId(v) ? undefined : fail('must be a string, a number or null'));

const setConfigValue = (o: Obj): Failure | undefined => {
  const value = o['value'];
  if (value === undefined) return { segments: ['value'], reason: 'is required' };
  if (o['type'] === 'boolean') return typeof value === 'boolean' ? undefined : { segments: ['value'], reason: 'must be a boolean when type is "boolean"' };
  return typeof value === 'string' ? undefined : { segments: ['value'], reason: 'must be a value id (string)' };
};

/** Elicitations are scoped to a session (`sessionId`, `toolCallId?`) or to a request (`requestId`). */
const elicitationScope = (o: Obj): Failure | undefined => {
  if (o['sessionId'] !== undefined) {
    if (typeof o['sessionId'] !== 'string') return { segments: ['sessionId'], reason: 'must be a string' };
    const tc = o['toolCallId'];
    return tc === undefined || tc === null || typeof tc === 'string' ? undefined : { segments: ['toolCallId'], reason: 'must be a string' };
  }
  if (o['requestId'] !== undefined) return isJsonRpcId(o['requestId']) ? undefined : { segments: ['requestId'], reason: 'must be a string, a number or null' };
  return { segments: [], reason: 'needs sessionId or requestId' };
};

const elicitationSchemaCheck = object({
  optional: {
    type: (v) => (v === 'object' ? undefined : fail('must be "object"')),
    title: str,
    properties: recordOf(object({ required: { type: str } })),
    required: arrayOf(str),
  },
});

const otherElicitationMode = object({ required: { message: str }, refine: elicitationScope });

const elicitationCreate: Check = tagged('mode', {
  form: object({ required: { message: str, requestedSchema: elicitationSchemaCheck }, refine: elicitationScope }),
  url: object({ required: { message: str, elicitationId: str, url: str }, refine: elicitationScope }),
}, (v) => {
  // `tagged` has already checked that v is an object.
  const mode = (v as Obj)['mode'];
  if (mode === undefined) return { segments: ['mode'], reason: 'is required' };
  if (typeof mode !== 'string') return { segments: ['mode'], reason: 'must be a string' };
  // Newer modes are open strings; the message and scope are still required.
  return otherElicitationMode(v);
});

/** Strict: unknown `sessionUpdate` values fail (use `decodeSessionUpdate` to receive tolerantly). */
const sessionNotificationCheck: Check = object({
  required: { sessionId: str, update: tagged('sessionUpdate', Object.fromEntries(UPDATE_CHECKS)) },
});

/** Params checks by method. */
export const PARAMS_CHECKS: Readonly<Record<KnownMethod, Check>> = {
  initialize: object({
    required: { protocolVersion: protocolVersionCheck },
    optional: { clientCapabilities: capabilitiesCheck, clientInfo: implementationCheck },
  }),
  authenticate: object({ required: { methodId: str } }),
  logout: empty,
  'session/new': object({
    required: { cwd: absPath, mcpServers: arrayOf(mcpServerCheck) },
    optional: { additionalDirectories: arrayOf(absPath) },
  }),
  'session/load': object({
    required: { sessionId: str, cwd: absPath, mcpServers: arrayOf(mcpServerCheck) },
    optional: { additionalDirectories: arrayOf(absPath) },
  }),
  'session/list': object({ optional: { cwd: absPath, cursor: str } }),
  'session/resume': object({
    required: { sessionId: str, cwd: absPath },
    optional: { mcpServers: arrayOf(mcpServerCheck), additionalDirectories: arrayOf(absPath) },
  }),
  'session/close': object({ required: sessionId }),
  'session/delete': object({ required: sessionId }),
  'session/set_mode': object({ required: { sessionId: str, modeId: str } }),
  'session/set_config_option': object({ required: { sessionId: str, configId: str }, refine: setConfigValue }),
  'session/prompt': object({ required: { sessionId: str, prompt: contentBlocksCheck } }),
  'session/cancel': object({ required: sessionId }),
  'session/update': sessionNotificationCheck,
  'session/request_permission': object({
    required: { sessionId: str, toolCall: toolCallFieldsCheck, options: arrayOf(permissionOptionCheck) },
  }),
  'fs/read_text_file': object({ required: { sessionId: str, path: absPath }, optional: { line: uint, limit: uint } }),
  'fs/write_text_file': object({ required: { sessionId: str, path: absPath, content: str } }),
  'terminal/create': object({
    required: { sessionId: str, command: str },
    optional: {
      args: arrayOf(str),
      env: arrayOf(object({ required: { name: str, value: str } })),
      cwd: absPath,
      outputByteLimit: uint,
    },
  }),
  'terminal/output': terminal,
  'terminal/wait_for_exit': terminal,
  'terminal/kill': terminal,
  'terminal/release': terminal,
  'elicitation/create': elicitationCreate,
  'elicitation/complete': object({ required: { elicitationId: str } }),
  '$/cancel_request': object({ required: { requestId: requestIdCheck } }),
};
