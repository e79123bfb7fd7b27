/**
 * Evaluates capability gates (spec §11). Capabilities arrive from peers, so
 * every read is defensive: a missing or oddly typed value means "not
 * supported", never an exception.
 */
import { METHOD_CATALOGUE, isKnownMethod } from '../methods/method-catalogue.js';
import type { SessionSetup } from '../types/agent-methods.js';
import type { AgentCapabilities, ClientCapabilities } from '../types/capabilities.js';
import type { CapabilityRequirement, Gate } from '../types/gate.js';

/**
 * What has been advertised so far on a connection (and, for per-session
 * gates, by the session's setup reply).
 *
 * @example
 * const ctx: GateContext = { agent: init.agentCapabilities, session: newSessionResult };
 */
export interface GateContext {
  agent?: AgentCapabilities | undefined;
  client?: ClientCapabilities | undefined;
  session?: SessionSetup | undefined;
}

function read(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * True if one requirement holds: `flag` needs `true`, `marker` a non-null
 * object, `present` any non-null value.
 *
 * @example
 * hasCapability({ holder: 'agent', path: ['loadSession'], shape: 'flag' }, { agent: { loadSession: true } }); // true
 */
export function hasCapability(req: CapabilityRequirement, ctx: GateContext): boolean {
  const v = read(ctx[req.holder], req.path);
  if (req.shape === 'flag') return v === true;
  if (req.shape === 'marker') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return v !== undefined && v !== null;
}

/**
 * True if any requirement of the gate holds.
 *
 * @example
 * isGateOpen(METHOD_CATALOGUE['session/list'].gate!, { agent: caps });
 */
export function isGateOpen(gate: Gate, ctx: GateContext): boolean {
  return gate.anyOf.some((r) => hasCapability(r, ctx));
}

/**
 * Whether `method` may be called given what was advertised. Baseline
 * methods and names outside the catalogue (extensions) have no gate. For
 * `session/set_config_option`, pass `configId` to also require that the
 * session listed that option.
 *
 * @example
 * methodAllowed('session/load', { agent: { loadSession: false } }); // false → capability_not_supported
 */
export function methodAllowed(method: string, ctx: GateContext, configId?: string): boolean {
  if (!isKnownMethod(method)) return true;
  const gate = METHOD_CATALOGUE[method].gate;
  if (gate !== undefined && !isGateOpen(gate, ctx)) return false;
  if (method === 'session/set_config_option' && configId !== undefined) {
    const options = ctx.session?.configOptions;
    return Array.isArray(options) && options.some((o) => typeof o === 'object' && o !== null && o.id === configId);
  }
  return true;
}

/**
 * The label of the capability a method needs, for error messages.
 *
 * @example
 * requiredCapability('terminal/create'); // 'clientCapabilities.terminal'
 */
export function requiredCapability(method: string): string | undefined {
  return isKnownMethod(method) ? METHOD_CATALOGUE[method].gate?.label : undefined;
}
