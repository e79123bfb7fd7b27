/**
 * JSON value types shared by every decoder and builder in this package.
 *
 * Frames are kept as plain JSON objects with their wire (snake_case) field names, so a decoded
 * frame re-encodes to the same members: unknown fields ride along untouched.
 */

/** Any value `JSON.parse` can produce. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * True for a plain JSON object (not an array, not null).
 *
 * @example
 * isJsonObject({ a: 1 }); // true
 * isJsonObject([1, 2]);   // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON type of a value, as used in error messages ("got array").
 *
 * @example
 * jsonTypeName([1]); // 'array'
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Own-property read that never touches the prototype chain (`__proto__`, `constructor`, …). */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * Sets an own, enumerable member on a plain object being built. Builders run for every message,
 * so members are assigned: `defineProperty` for each one (a runtime call and a descriptor object
 * per member) made building about three times slower (measured on Node 20). Two keys cannot be
 * assigned: `'__proto__'` would set the prototype instead of creating a member, and a member
 * `Object.prototype` has (`constructor`, `toString`, …) throws when that prototype is frozen;
 * both get `defineProperty`.
 *
 * @example
 * const out: JsonObject = {};
 * setOwn(out, '__proto__', { a: 1 }); // an own member, Object.prototype untouched
 */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') return define(target, key, value);
  try {
    target[key] = value;
  } catch {
    define(target, key, value);
  }
}

function define(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Builds an object from `fields`, leaving out members whose value is `undefined`. Key order is
 * kept, which lets builders reproduce upstream's member order.
 *
 * @example
 * compact({ a: 1, b: undefined }); // { a: 1 }
 */
export function compact(fields: Readonly<Record<string, JsonValue | undefined>>): JsonObject {
  const out: JsonObject = {};
  const keys = Object.keys(fields);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = fields[key];
    if (value !== undefined) setOwn(out, key, value);
  }
  return out;
}

/**
 * Makes a message one short line: error texts may quote hostile input (a parser's message often
 * includes a snippet), and log lines or HTTP bodies must not be split or bloated by it.
 *
 * @example
 * oneLine('bad\ninput'); // 'bad input'
 */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
