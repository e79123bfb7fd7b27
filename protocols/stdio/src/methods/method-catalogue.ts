/**
 * The method catalogue: every stable ACP v1 method with who handles it,
 * whether it is a request or a notification, and its capability gate
 * (spec §6–§8, §11). Data first, so the plugin and tests can iterate it.
 */
import type { Gate, CapabilityRequirement } from '../types/gate.js';
import type { KnownMethod } from '../types/method-map.js';
import { UNSTABLE_METHODS } from './method-names.js';

/**
 * The side that handles (receives) a method.
 *
 * @example
 * const side: MethodSide = METHOD_CATALOGUE['fs/read_text_file'].handledBy; // 'client'
 */
export type MethodSide = 'agent' | 'client' | 'protocol';

/**
 * One catalogue entry.
 *
 * @example
 * METHOD_CATALOGUE['session/load'].gate?.label; // 'agentCapabilities.loadSession'
 */
export interface MethodSpec {
  name: KnownMethod;
  handledBy: MethodSide;
  kind: 'request' | 'notification';
  /** Absent for baseline methods that need no capability. */
  gate?: Gate;
}

const req = (holder: CapabilityRequirement['holder'], dotted: string, shape: CapabilityRequirement['shape']): CapabilityRequirement =>
  ({ holder, path: dotted.split('.'), shape });

const PREFIX = { agent: 'agentCapabilities.', client: 'clientCapabilities.', session: 'session.' } as const;

const gate = (...anyOf: CapabilityRequirement[]): Gate => ({
  label: anyOf.map((r) => PREFIX[r.holder] + r.path.join('.')).join(' | '),
  anyOf,
});

const terminalGate = gate(req('client', 'terminal', 'flag'));

const entries: MethodSpec[] = [
  { name: 'initialize', handledBy: 'agent', kind: 'request' },
  { name: 'authenticate', handledBy: 'agent', kind: 'request' },
  { name: 'logout', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'auth.logout', 'marker')) },
  { name: 'session/new', handledBy: 'agent', kind: 'request' },
  { name: 'session/load', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'loadSession', 'flag')) },
  { name: 'session/list', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'sessionCapabilities.list', 'marker')) },
  { name: 'session/resume', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'sessionCapabilities.resume', 'marker')) },
  { name: 'session/close', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'sessionCapabilities.close', 'marker')) },
  { name: 'session/delete', handledBy: 'agent', kind: 'request', gate: gate(req('agent', 'sessionCapabilities.delete', 'marker')) },
  { name: 'session/set_mode', handledBy: 'agent', kind: 'request', gate: gate(req('session', 'modes', 'present')) },
  { name: 'session/set_config_option', handledBy: 'agent', kind: 'request', gate: gate(req('session', 'configOptions', 'present')) },
  { name: 'session/prompt', handledBy: 'agent', kind: 'request' },
  { name: 'session/cancel', handledBy: 'agent', kind: 'notification' },
  { name: 'session/update', handledBy: 'client', kind: 'notification' },
  { name: 'session/request_permission', handledBy: 'client', kind: 'request' },
  { name: 'fs/read_text_file', handledBy: 'client', kind: 'request', gate: gate(req('client', 'fs.readTextFile', 'flag')) },
  { name: 'fs/write_text_file', handledBy: 'client', kind: 'request', gate: gate(req('client', 'fs.writeTextFile', 'flag')) },
  { name: 'terminal/create', handledBy: 'client', kind: 'request', gate: terminalGate },
  { name: 'terminal/output', handledBy: 'client', kind: 'request', gate: terminalGate },
  { name: 'terminal/wait_for_exit', handledBy: 'client', kind: 'request', gate: terminalGate },
  { name: 'terminal/kill', handledBy: 'client', kind: 'request', gate: terminalGate },
  { name: 'terminal/release', handledBy: 'client', kind: 'request', gate: terminalGate },
  {
    name: 'elicitation/create', handledBy: 'client', kind: 'request',
    gate: gate(req('client', 'elicitation.form', 'marker'), req('client', 'elicitation.url', 'marker')),
  },
  { name: 'elicitation/complete', handledBy: 'client', kind: 'notification' },
  { name: '$/cancel_request', handledBy: 'protocol', kind: 'notification' },
];

/**
 * Every stable method, keyed by name.
 *
 * @example
 * METHOD_CATALOGUE['session/cancel'].kind; // 'notification'
 */
export const METHOD_CATALOGUE: Readonly<Record<KnownMethod, MethodSpec>> = Object.freeze(
  Object.fromEntries(entries.map((e) => [e.name, Object.freeze(e)])) as Record<KnownMethod, MethodSpec>,
);

/**
 * What a method name is: a stable method (with its spec), an extension
 * (`_`-prefixed, §15), a recognised unstable/draft name (§16) or unknown.
 *
 * @example
 * const l: MethodLookup = lookupMethod(frame.method); if (l.status === 'unknown') reply(methodNotFound(frame.method));
 */
export type MethodLookup =
  | { status: 'known'; spec: MethodSpec }
  | { status: 'extension' }
  | { status: 'unstable' }
  | { status: 'unknown' };

const EXTENSION: MethodLookup = Object.freeze({ status: 'extension' });
const UNSTABLE: MethodLookup = Object.freeze({ status: 'unstable' });
const UNKNOWN: MethodLookup = Object.freeze({ status: 'unknown' });
const KNOWN = new Map<string, MethodLookup>(entries.map((e) => [e.name, Object.freeze({ status: 'known', spec: METHOD_CATALOGUE[e.name] })]));

/**
 * Classifies a method name. Allocation-free: results are shared frozen objects.
 *
 * @example
 * lookupMethod('_troupe/actor_tree').status; // 'extension'
 */
export function lookupMethod(name: string): MethodLookup {
  const known = KNOWN.get(name);
  if (known !== undefined) return known;
  if (name.startsWith('_')) return EXTENSION;
  return UNSTABLE_METHODS.has(name) ? UNSTABLE : UNKNOWN;
}

/**
 * True for `_`-prefixed extension method names (§15).
 *
 * @example
 * isExtensionMethod('_example.com/ping'); // true
 */
export function isExtensionMethod(name: string): boolean {
  return name.startsWith('_');
}

/**
 * Type guard for stable method names.
 *
 * @example
 * if (isKnownMethod(m)) METHOD_CATALOGUE[m];
 */
export function isKnownMethod(name: string): name is KnownMethod {
  return KNOWN.has(name);
}
