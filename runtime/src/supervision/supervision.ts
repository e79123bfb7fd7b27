import type { ActorRef, Directive, SupervisionOptions, SupervisionStrategy } from '../types/actor.js';
import { toError } from '../types/troupe-error.js';

/** Supervision options with every default filled in. */
export interface ResolvedSupervision {
  readonly strategy: SupervisionStrategy;
  readonly maxRestarts: number;
  readonly withinMs: number;
  readonly backoff: { readonly minMs: number; readonly maxMs: number; readonly factor: number; readonly jitter: number };
  readonly decide: ((error: Error, child: ActorRef) => Directive) | undefined;
}

/** Defaults: one-for-one, at most 10 restarts in 60 s, backoff 10 ms doubling to 5 s, ±20 % jitter. */
export const DEFAULT_SUPERVISION: ResolvedSupervision = {
  strategy: 'one-for-one',
  maxRestarts: 10,
  withinMs: 60_000,
  backoff: { minMs: 10, maxMs: 5_000, factor: 2, jitter: 0.2 },
  decide: undefined,
};

const cache = new WeakMap<SupervisionOptions, ResolvedSupervision>();

/** Fills in defaults (memoized per options object: many children share one parent's options). */
export function resolveSupervision(options: SupervisionOptions | undefined): ResolvedSupervision {
  if (!options) return DEFAULT_SUPERVISION;
  let r = cache.get(options);
  if (!r) {
    const b = options.backoff ?? {};
    const d = DEFAULT_SUPERVISION.backoff;
    r = {
      strategy: options.strategy ?? DEFAULT_SUPERVISION.strategy,
      maxRestarts: options.maxRestarts ?? DEFAULT_SUPERVISION.maxRestarts,
      withinMs: options.withinMs ?? DEFAULT_SUPERVISION.withinMs,
      backoff: { minMs: b.minMs ?? d.minMs, maxMs: b.maxMs ?? d.maxMs, factor: b.factor ?? d.factor, jitter: b.jitter ?? d.jitter },
      decide: options.decide,
    };
    cache.set(options, r);
  }
  return r;
}

/** The directive for one failure; a throwing `decide` counts as `escalate`. */
export function decide(options: ResolvedSupervision, error: Error, child: ActorRef): Directive {
  if (!options.decide) return 'restart';
  try {
    return options.decide(error, child);
  } catch (err) {
    void toError(err);
    return 'escalate';
  }
}

/** Restart timestamps still inside the intensity window. */
export function recentRestarts(times: readonly number[], now: number, withinMs: number): number[] {
  return times.filter((t) => now - t < withinMs);
}

/**
 * Delay before restart number `attempt` (1-based): `minMs * factor^(attempt-1)`, capped at `maxMs`,
 * then spread by ±jitter so many actors failing together do not restart in lockstep.
 *
 * @example
 * backoffDelay({ minMs: 10, maxMs: 1000, factor: 2, jitter: 0 }, 3, Math.random); // 40
 */
export function backoffDelay(b: ResolvedSupervision['backoff'], attempt: number, random: () => number): number {
  const base = Math.min(b.maxMs, b.minMs * b.factor ** Math.max(0, attempt - 1));
  const spread = base * b.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base + spread));
}

/** Which children restart when `failed` fails, per strategy (children in spawn order). */
export function restartTargets<C>(strategy: SupervisionStrategy, children: ReadonlyMap<string, C> | null, failed: C): C[] {
  if (strategy === 'one-for-one' || !children) return [failed];
  const all = [...children.values()];
  if (strategy === 'one-for-all') return all;
  const at = all.indexOf(failed);
  return at < 0 ? [failed] : all.slice(at);
}
