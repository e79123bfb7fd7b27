/**
 * W3C Trace Context in `_meta` (spec §15, checklist 21.43). The root `_meta`
 * keys `traceparent`, `tracestate` and `baggage` are reserved for it; an
 * incoming `traceparent` on `session/prompt` becomes the turn's trace
 * context and rides on every request sent during that turn.
 */
import type { Meta, WithMeta } from '../types/meta.js';

/**
 * The reserved trace keys.
 *
 * @example
 * TRACE_CONTEXT_KEYS.includes('traceparent'); // true
 */
export const TRACE_CONTEXT_KEYS: readonly string[] = Object.freeze(['traceparent', 'tracestate', 'baggage']);

/**
 * The trace-context members of a params object's `_meta`, unchanged, or
 * `undefined` if there are none.
 *
 * @example
 * pickTraceContext({ sessionId: 's', prompt: [], _meta: { traceparent: '00-…', other: 1 } }); // { traceparent: '00-…' }
 */
export function pickTraceContext(params: unknown): Meta | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const meta = (params as WithMeta)._meta;
  if (typeof meta !== 'object' || meta === null) return undefined;
  let out: Meta | undefined;
  for (const key of TRACE_CONTEXT_KEYS) {
    if (meta[key] !== undefined) (out ??= {})[key] = meta[key];
  }
  return out;
}

/**
 * A shallow copy of `params` whose `_meta` also carries `trace` (existing
 * `_meta` members are kept; the trace keys win). `params` is not mutated.
 *
 * @example
 * withTraceContext({ sessionId: 's', path: '/a' }, { traceparent: '00-…' });
 */
export function withTraceContext<P extends object>(params: P, trace: Meta | undefined): P {
  if (trace === undefined) return params;
  const meta = (params as WithMeta)._meta;
  return { ...params, _meta: { ...(typeof meta === 'object' && meta !== null ? meta : {}), ...trace } };
}
