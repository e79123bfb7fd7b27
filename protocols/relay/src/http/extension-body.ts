import type { CardExtension } from '../card/agent-card.js';
import { HMAC_EXTENSION_URI } from '../card/agent-card.js';
import { getOwn, isJsonObject, type JsonObject } from '../core/json.js';
import { utf8ByteLength } from '../core/limits.js';
import { err, ok, type Result } from '../core/result.js';
import { ACK_EXTENSION_URI } from '../frames/ack-frame.js';
import { HMAC_BODY_EXTENSION_URI } from '../signing/hmac-body.js';
import { fieldError, isHttpUrl } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/**
 * Extension URIs the node lists itself (§5.1); they follow its configuration and cannot be
 * registered or unregistered through the API.
 */
export const BUILT_IN_EXTENSION_URIS: readonly string[] = [HMAC_EXTENSION_URI, HMAC_BODY_EXTENSION_URI, ACK_EXTENSION_URI];

/**
 * Bound on one registered entry as JSON. Every registered entry travels in the card on each new
 * connection, and a card frame over `max_msg_bytes` would be dropped by the peer (§2.8).
 */
export const MAX_EXTENSION_ENTRY_BYTES = 4_096;

function uriOf(body: JsonObject): Result<string, HttpError> {
  const uri = getOwn(body, 'uri');
  if (uri === undefined || uri === null || uri === '') return err(invalidRequest('missing required field: uri'));
  const bad = fieldError(body, [['uri', 'string']]);
  return bad === undefined ? ok(uri as string) : err(bad);
}

/**
 * Validates `POST /extensions/register` (§3.8): `uri` (http or https, required), `required`
 * (boolean, default false), `params` (object). Other members are ignored.
 *
 * @example
 * decodeExtensionRegisterBody({ uri: 'https://example.org/ext/v1', params: { a: 1 } });
 * // { ok: true, value: { uri: 'https://example.org/ext/v1', required: false, params: { a: 1 } } }
 * decodeExtensionRegisterBody({ uri: 'ftp://x' }).error.body.error; // 'uri must be an http:// or https:// URL'
 */
export function decodeExtensionRegisterBody(body: JsonObject): Result<CardExtension, HttpError> {
  const uri = uriOf(body);
  if (!uri.ok) return uri;
  if (!isHttpUrl(uri.value)) return err(invalidRequest('uri must be an http:// or https:// URL'));
  const bad = fieldError(body, [['required', 'boolean'], ['params', 'object']]);
  if (bad !== undefined) return err(bad);
  const params = getOwn(body, 'params');
  const entry: CardExtension = { uri: uri.value, required: getOwn(body, 'required') === true };
  if (isJsonObject(params)) entry.params = params;
  if (utf8ByteLength(JSON.stringify(entry)) > MAX_EXTENSION_ENTRY_BYTES) return err(invalidRequest(`extension entry larger than ${MAX_EXTENSION_ENTRY_BYTES} bytes`));
  return ok(entry);
}

/**
 * Validates `POST /extensions/unregister` (§3.8): `{"uri"}`. Whether the uri is built in or
 * registered is the route's to decide.
 *
 * @example
 * decodeExtensionUnregisterBody({ uri: 'https://example.org/ext/v1' }); // { ok: true, value: { uri: 'https://example.org/ext/v1' } }
 */
export function decodeExtensionUnregisterBody(body: JsonObject): Result<{ uri: string }, HttpError> {
  const uri = uriOf(body);
  return uri.ok ? ok({ uri: uri.value }) : uri;
}
