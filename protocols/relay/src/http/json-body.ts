import { parseBoundedJson } from '../core/bounded-json.js';
import { isJsonObject, jsonTypeName, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a POST/PATCH body (§3.1): empty counts as `{}`; invalid JSON or invalid UTF-8 is 400
 * with `error` starting `Invalid JSON in request body:`, and so is JSON nested deeper than
 * `MAX_JSON_DEPTH` (what is stored must stay servable); anything but an object is 400 too.
 *
 * @example
 * parseJsonBody('');          // { ok: true, value: {} }
 * parseJsonBody('{not json'); // { ok: false, error: { status: 400, body: { …, error: 'Invalid JSON in request body: …' } } }
 */
export function parseJsonBody(raw: string | Uint8Array): Result<JsonObject, HttpError> {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : decoder.decode(raw);
  } catch {
    return err(invalidRequest('Invalid JSON in request body: body is not valid UTF-8'));
  }
  if (text.trim() === '') return ok({});
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return err(invalidRequest(`Invalid JSON in request body: ${parsed.error}`));
  const value = parsed.value;
  if (!isJsonObject(value)) return err(invalidRequest(`request body must be a JSON object, got ${jsonTypeName(value)}`));
  return ok(value);
}
