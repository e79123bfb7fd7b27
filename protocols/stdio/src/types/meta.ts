/**
 * `_meta` and the small shared shapes every ACP object builds on (spec §15).
 *
 * Received objects are typed with these interfaces but are never copied or
 * stripped: unknown root fields and `_meta` ride along on the same object.
 */

/**
 * Free-form extension data. Root keys `traceparent`, `tracestate` and
 * `baggage` are reserved for W3C Trace Context; Troupe's own data lives under
 * `_meta.troupe`.
 *
 * @example
 * const meta: Meta = { troupe: { actor: 'troupe://n1/agents/coder' } };
 */
export type Meta = { [key: string]: unknown };

/**
 * Mixin for every protocol object: `_meta` may be present, absent or `null`.
 *
 * @example
 * const params: WithMeta = { _meta: { traceparent: '00-…' } };
 */
export interface WithMeta {
  _meta?: Meta | null;
}

/**
 * A string enum that is closed on the way out but open on the way in: peers
 * may send values newer than this package (spec §17), so received values keep
 * the raw string. `(string & {})` keeps editor completion of the known values.
 *
 * @example
 * const kind: OpenEnum<'read' | 'edit'> = 'browser'; // accepted, flagged unknown by isToolKind()
 */
export type OpenEnum<T extends string> = T | (string & {});
