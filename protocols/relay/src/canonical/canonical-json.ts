import { createHash } from 'node:crypto';
import { MAX_JSON_DEPTH } from '../core/bounded-json.js';
import { JsonNumberLexeme, parseLosslessJson } from './lossless-json.js';
import { canonicalNumber } from './python-number.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * Canonical JSON, bit-exact with upstream's
 * `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` (§2.7.4).
 *
 * Input is either a lossless tree (from {@link parseLosslessJson}, the right choice for verifying
 * received text) or plain JavaScript JSON values. A JavaScript number is treated as the lexeme
 * `JSON.stringify` writes for it, so canonicalising an object gives the same bytes a receiver gets
 * from the text `JSON.stringify(object)`: sign what you send.
 */

/** Lone UTF-16 surrogates cannot be encoded as UTF-8; Python fails on them, so do we. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Code-point order of two strings. JavaScript's default sort compares UTF-16 units and puts
 * astral characters before U+E000–U+FFFF; remapping the units fixes that without decoding.
 *
 * @example
 * ['\u{1F600}', '\uE000'].sort(compareCodePoints); // ['\uE000', '\u{1F600}']
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return remap(x) - remap(y);
  }
  return a.length - b.length;
}

function remap(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

function writeString(s: string): string {
  if (LONE_SURROGATE.test(s)) throw new RangeError('string holds a lone surrogate, which has no UTF-8 form');
  // For well-formed strings JSON.stringify escapes exactly the set Python escapes with ensure_ascii=False.
  return JSON.stringify(s);
}

function writeNumberLexeme(lexeme: string): string {
  const text = canonicalNumber(lexeme);
  if (text === undefined) throw new RangeError(`number ${lexeme} overflows a double and has no JSON form`);
  return text;
}

function write(value: unknown, depth: number): string {
  if (depth > MAX_JSON_DEPTH) throw new RangeError('value nested too deeply to canonicalise');
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return writeString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
    return writeNumberLexeme(JSON.stringify(value));
  }
  if (value instanceof JsonNumberLexeme) return writeNumberLexeme(value.lexeme);
  if (Array.isArray(value)) {
    // JSON.stringify writes undefined array slots as null; mirror it so signed bytes match sent bytes.
    return `[${value.map((v) => (v === undefined ? 'null' : write(v, depth + 1))).join(',')}]`;
  }
  const entries: [string, unknown][] = value instanceof Map ? [...(value as Map<string, unknown>)] : plainEntries(value);
  entries.sort((a, b) => compareCodePoints(a[0], b[0]));
  return `{${entries.map(([k, v]) => `${writeString(k)}:${write(v, depth + 1)}`).join(',')}}`;
}

function plainEntries(value: unknown): [string, unknown][] {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${typeof value} is not a JSON value`);
  // Members holding undefined are skipped, as JSON.stringify skips them.
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

/**
 * The canonical text of a JSON value. Throws a `RangeError`/`TypeError` for values that have no
 * canonical form (NaN, Infinity, lone surrogates, functions); use {@link tryCanonicalJson} on
 * untrusted input.
 *
 * @example
 * canonicalJson({ b: 1, a: 'é' }); // '{"a":"é","b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

/**
 * {@link canonicalJson} that returns an error instead of throwing.
 *
 * @example
 * tryCanonicalJson({ x: NaN }); // { ok: false, error: 'NaN has no JSON form' }
 */
export function tryCanonicalJson(value: unknown): Result<string> {
  try {
    return ok(write(value, 0));
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Canonical form of a JSON text, reading numbers by their lexemes.
 *
 * @example
 * canonicalJsonFromText('{"b":1.0,"a":1e16}'); // { ok: true, value: '{"a":1e+16,"b":1.0}' }
 */
export function canonicalJsonFromText(text: string): Result<string> {
  const parsed = parseLosslessJson(text);
  return parsed.ok ? tryCanonicalJson(parsed.value) : parsed;
}

/**
 * SHA-256 (lowercase hex) of the UTF-8 canonical text, handy for comparing with published vectors.
 *
 * @example
 * canonicalSha256('{"a":1}');
 */
export function canonicalSha256(canonicalText: string): string {
  return createHash('sha256').update(canonicalText, 'utf8').digest('hex');
}
