/**
 * Checks for session setup data: MCP servers, modes, config options, auth
 * methods and the handshake's capability objects (spec §10.4–§10.6, §11).
 */
import { anyObject, arrayOf, bool, fail, isObj, object, recordOf, str, tagged, type Check } from './check.js';

const nameValue = object({ required: { name: str, value: str } });

const remoteServer = object({ required: { name: str, url: str, headers: arrayOf(nameValue) } });
const stdioServer = object({ required: { name: str, command: str, args: arrayOf(str), env: arrayOf(nameValue) } });

/** stdio when untyped; `http`/`sse` by `type`. Other types are rejected: the agent could not use them. */
export const mcpServerCheck: Check = tagged(
  'type',
  { http: remoteServer, sse: remoteServer },
  (v) => (isObj(v) && v['type'] !== undefined
    ? { segments: ['type'], reason: 'must be http or sse (or absent for stdio)' }
    : stdioServer(v)),
);

export const sessionModeStateCheck: Check = object({
  required: {
    currentModeId: str,
    availableModes: arrayOf(object({ required: { id: str, name: str }, optional: { description: str } })),
  },
});

const selectOption = object({ required: { value: str, name: str }, optional: { description: str } });
const selectGroup = object({ required: { group: str, name: str, options: arrayOf(selectOption) } });

/** Flat list of values, or list of groups; an empty list is both. */
const selectOptions: Check = (v) => {
  if (!Array.isArray(v)) return fail('must be an array');
  const first: unknown = v[0];
  const grouped = isObj(first) && first['group'] !== undefined;
  return arrayOf(grouped ? selectGroup : selectOption)(v);
};

const configBase = { required: { id: str, name: str }, optional: { description: str, category: str } };
const unknownTypeOption = object(configBase);

/**
 * A config option. Unknown `type`s pass with only the common members checked,
 * because clients SHOULD ignore options they do not know (§10.6).
 */
const configOptionCheck: Check = tagged(
  'type',
  {
    select: object({ required: { ...configBase.required, currentValue: str, options: selectOptions }, optional: configBase.optional }),
    boolean: object({ required: { ...configBase.required, currentValue: bool }, optional: configBase.optional }),
  },
  (v) => (isObj(v) && typeof v['type'] === 'string' ? unknownTypeOption(v) : { segments: ['type'], reason: 'must be a string' }),
);

export const configOptionsCheck: Check = arrayOf(configOptionCheck);

/** Auth methods: `terminal` has extra members; untyped (and newer) types need `id` and `name`. */
export const authMethodCheck: Check = tagged(
  'type',
  { terminal: object({ required: { id: str, name: str }, optional: { description: str, args: arrayOf(str), env: recordOf(str) } }) },
  object({ required: { id: str, name: str }, optional: { description: str } }),
);

/**
 * Handshake leniency [Troupe]: capability and implementation-info objects
 * are only required to be objects. The schema marks them default-on-error,
 * and the gate helpers read them defensively, so a quirky value degrades to
 * "not supported" instead of failing the whole handshake.
 */
export const capabilitiesCheck: Check = anyObject;
export const implementationCheck: Check = anyObject;
