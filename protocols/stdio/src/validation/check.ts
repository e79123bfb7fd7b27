/**
 * A tiny validator-combinator core. Checks are plain functions built once at
 * module load (no per-message schema compilation). They never copy: a value
 * that passes is returned as is, with unknown fields and `_meta` untouched.
 *
 * On success a check returns `undefined` and allocates nothing. On failure
 * it returns a {@link Failure} whose `segments` are pushed innermost-first as
 * the failure bubbles up, so the path costs nothing on the happy path.
 */

/** A failed check: reversed path segments and a reason. */
export interface Failure {
  segments: (string | number)[];
  reason: string;
}

/** A validator: `undefined` means valid. */
export type Check = (value: unknown) => Failure | undefined;

/** A record-shaped JSON value. */
export type Obj = Record<string, unknown>;

/** Starts a failure at the current value. */
export function fail(reason: string): Failure {
  return { segments: [], reason };
}

/** Prefixes a failure with one path segment. */
function at(segment: string | number, f: Failure): Failure {
  f.segments.push(segment);
  return f;
}

/** True for a non-null, non-array object. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const str: Check = (v) => (typeof v === 'string' ? undefined : fail('must be a string'));
export const bool: Check = (v) => (typeof v === 'boolean' ? undefined : fail('must be a boolean'));
export const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : fail('must be a number'));
export const uint: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : fail('must be a non-negative integer'));
export const anything: Check = () => undefined;
export const anyObject: Check = (v) => (isObj(v) ? undefined : fail('must be an object'));

/** A string that is not empty. */
export const nonEmptyStr: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : fail('must be a non-empty string'));

/** An array whose every item passes `item`. */
export function arrayOf(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return fail('must be an array');
    for (let i = 0; i < v.length; i++) {
      const f = item(v[i]);
      if (f !== undefined) return at(i, f);
    }
    return undefined;
  };
}

/** An object whose every value passes `value`. */
export function recordOf(value: Check): Check {
  return (v) => {
    if (!isObj(v)) return fail('must be an object');
    for (const k in v) {
      const f = value(v[k]);
      if (f !== undefined) return at(k, f);
    }
    return undefined;
  };
}

/** Shape of an object check: required and optional members. Optional members may be absent or `null`. */
export interface Shape {
  required?: Record<string, Check>;
  optional?: Record<string, Check>;
  /** Runs after the members passed, for cross-field rules. */
  refine?: (o: Obj) => Failure | undefined;
}

const metaCheck: Check = (v) => (isObj(v) ? undefined : fail('must be an object'));

/**
 * An object with the given members; `_meta` is always allowed (object or
 * null) and unknown members pass untouched.
 */
export function object(shape: Shape): Check {
  // Parallel arrays: this loop is on the session/update hot path.
  const reqKeys = Object.keys(shape.required ?? {});
  const reqChecks = Object.values(shape.required ?? {});
  const optAll = { _meta: metaCheck, ...shape.optional };
  const optKeys = Object.keys(optAll);
  const optChecks = Object.values(optAll);
  const refine = shape.refine;
  return (v) => {
    if (!isObj(v)) return fail('must be an object');
    for (let i = 0; i < reqKeys.length; i++) {
      const key = reqKeys[i] as string;
      const member = v[key];
      if (member === undefined) return at(key, fail('is required'));
      const f = (reqChecks[i] as Check)(member);
      if (f !== undefined) return at(key, f);
    }
    for (let i = 0; i < optKeys.length; i++) {
      const key = optKeys[i] as string;
      const member = v[key];
      if (member === undefined || member === null) continue;
      const f = (optChecks[i] as Check)(member);
      if (f !== undefined) return at(key, f);
    }
    return refine === undefined ? undefined : refine(v);
  };
}

/**
 * An object discriminated by `key`. An unknown tag fails, unless `fallback`
 * is given (for unions that are open, or whose default variant has no tag).
 */
export function tagged(key: string, variants: Record<string, Check>, fallback?: Check): Check {
  const table = new Map(Object.entries(variants));
  const known = [...table.keys()].join(', ');
  return (v) => {
    if (!isObj(v)) return fail('must be an object');
    const tag = v[key];
    const check = typeof tag === 'string' ? table.get(tag) : undefined;
    if (check !== undefined) return check(v);
    if (fallback !== undefined) return fallback(v);
    if (tag === undefined) return at(key, fail('is required'));
    return at(key, fail(`must be one of ${known}`));
  };
}

/**
 * An absolute path: POSIX (`/…`), Windows drive (`C:\…`, `C:/…`) or UNC (`\\…`).
 * Pure string test, so the package stays free of `node:path`.
 *
 * @example
 * isAbsolutePath('/repo'); // true
 */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export const absPath: Check = (v) => {
  if (typeof v !== 'string') return fail('must be a string');
  return isAbsolutePath(v) ? undefined : fail('must be an absolute path');
};

/** Runs a check and renders the failure's path as a JSON Pointer. */
export function runCheck(check: Check, value: unknown): { path: string; reason: string } | undefined {
  const f = check(value);
  if (f === undefined) return undefined;
  let path = '';
  for (let i = f.segments.length - 1; i >= 0; i--) {
    path += '/' + String(f.segments[i]).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return { path, reason: f.reason };
}
