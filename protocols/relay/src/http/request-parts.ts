import { getOwn, isJsonObject, jsonTypeName, type JsonObject, type JsonValue } from '../core/json.js';
import { textPart, type Part } from '../core/part.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * Part validation of the HTTP API (§2.5). Troupe validates parts on every route that takes them;
 * the texts are upstream's where upstream has one.
 */

function describe(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value.slice(0, 60);
  return value === undefined ? 'None' : JSON.stringify(value)?.slice(0, 60) ?? String(value);
}

/**
 * Validates one part; returns the error text (prefixed `parts[<i>]: `) or the part.
 *
 * @example
 * validatePart({ type: 'image' }, 0); // { ok: false, error: "parts[0]: unknown part type 'image'; expected text|file|data" }
 */
export function validatePart(value: JsonValue, index: number): Result<Part> {
  const at = `parts[${index}]`;
  if (!isJsonObject(value)) return err(`${at}: part must be an object, got ${jsonTypeName(value)}`);
  const type = getOwn(value, 'type');
  switch (type) {
    case 'text':
      return typeof getOwn(value, 'content') === 'string' ? ok(value as Part) : err(`${at}: text part requires string 'content'`);
    case 'file': {
      const url = getOwn(value, 'url');
      if (typeof url !== 'string' || url.length === 0) return err(`${at}: file part requires 'url'`);
      for (const key of ['media_type', 'filename']) {
        const v = getOwn(value, key);
        if (v !== undefined && v !== null && typeof v !== 'string') return err(`${at}: file part '${key}' must be a string`);
      }
      return ok(value as Part);
    }
    case 'data':
      return getOwn(value, 'content') === undefined ? err(`${at}: data part requires 'content'`) : ok(value as Part);
    default:
      return err(`${at}: unknown part type '${describe(type)}'; expected text|file|data`);
  }
}

/**
 * Validates a `parts` list; the first bad part decides the error.
 *
 * @example
 * validateParts([{ type: 'text', content: 'x' }]); // { ok: true, value: [{ type: 'text', content: 'x' }] }
 */
export function validateParts(value: JsonValue): Result<Part[]> {
  if (!Array.isArray(value)) return err(`'parts' must be a list, got ${jsonTypeName(value)}`);
  const out: Part[] = [];
  for (const [i, item] of value.entries()) {
    const part = validatePart(item, i);
    if (!part.ok) return part;
    out.push({ ...part.value });
  }
  return ok(out);
}

/**
 * The parts a request asks to send: a non-empty `parts` list, else `text`, else `content` as one
 * text part. An empty list and an empty string count as absent (§2.5). `undefined` means the
 * request has no content at all; the caller answers its route's no-content error.
 *
 * @example
 * resolveRequestParts({ text: 'hi' }); // { ok: true, value: [{ type: 'text', content: 'hi' }] }
 * resolveRequestParts({});             // { ok: true, value: undefined }
 */
export function resolveRequestParts(body: JsonObject): Result<Part[] | undefined> {
  // Shorthand members are type-checked even when `parts` wins, so a wrong one never goes unnoticed.
  for (const key of ['text', 'content']) {
    const value = getOwn(body, key);
    if (value !== undefined && value !== null && typeof value !== 'string') return err(`field '${key}' must be a string, got ${jsonTypeName(value)}`);
  }
  const parts = getOwn(body, 'parts');
  if (parts !== undefined && parts !== null) {
    if (!Array.isArray(parts)) return err(`'parts' must be a list, got ${jsonTypeName(parts)}`);
    if (parts.length > 0) return validateParts(parts);
  }
  for (const key of ['text', 'content']) {
    const value = getOwn(body, key);
    if (typeof value !== 'string' || value === '') continue;
    return ok([textPart(value)]);
  }
  return ok(undefined);
}
