import { createHmac } from 'node:crypto';
import { getOwn, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { canonicalJson } from '../canonical/canonical-json.js';
import { parseLosslessJson } from '../canonical/lossless-json.js';
import { constantTimeEqual } from './constant-time.js';

/**
 * Troupe's body-covering HMAC (§2.7.2, extension `urn:troupe:acp:hmac-body:v1`):
 * `sig_body = hex(HMAC-SHA256(secret, "acp-hmac-body-v1\n" + canonical_json(frame − sig, sig_body, identity)))`.
 * Upstream ignores the member, so it is wire-compatible.
 */

/** Extension URI advertised in the card when `sig_body` is produced. */
export const HMAC_BODY_EXTENSION_URI = 'urn:troupe:acp:hmac-body:v1';

const DOMAIN = 'acp-hmac-body-v1\n';
const EXCLUDED = ['sig', 'sig_body', 'identity'];

/**
 * The frame body the HMAC covers, as canonical text. Pass the received text to verify (number
 * lexemes matter); pass the object you are about to `JSON.stringify` to sign.
 *
 * @example
 * bodySigningInput(frameText); // { ok: true, value: 'acp-hmac-body-v1\n{"from":…}' }
 */
export function bodySigningInput(frame: string | JsonObject): Result<string> {
  try {
    if (typeof frame === 'string') {
      const parsed = parseLosslessJson(frame);
      if (!parsed.ok) return parsed;
      if (!(parsed.value instanceof Map)) return err('frame text is not a JSON object');
      const body = new Map(parsed.value);
      for (const key of EXCLUDED) body.delete(key);
      return ok(DOMAIN + canonicalJson(body));
    }
    const body: Record<string, unknown> = { ...frame };
    for (const key of EXCLUDED) delete body[key];
    return ok(DOMAIN + canonicalJson(body));
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Computes `sig_body` for a frame (text or object).
 *
 * @example
 * bodySignature('s3cr3t', frame); // { ok: true, value: '<64 hex digits>' }
 */
export function bodySignature(secret: string, frame: string | JsonObject): Result<string> {
  const input = bodySigningInput(frame);
  if (!input.ok) return input;
  return ok(createHmac('sha256', Buffer.from(secret, 'utf8')).update(input.value, 'utf8').digest('hex'));
}

/**
 * Returns a copy of `frame` with `sig_body` set. Add `sig` first and `identity` after (§2.7.2).
 *
 * @example
 * addBodySignature(addHmacSignature(frame, secret), secret);
 */
export function addBodySignature<T extends JsonObject>(frame: T, secret: string): T {
  const value = bodySignature(secret, frame);
  if (!value.ok) throw new RangeError(`frame cannot be signed: ${value.error}`);
  return { ...frame, sig_body: value.value };
}

/** Outcome of checking a received frame's `sig_body`. */
export type BodySignatureCheck = { readonly status: 'absent' } | { readonly status: 'valid' } | { readonly status: 'invalid'; readonly reason: string };

/**
 * Checks `sig_body` of a received frame. Give the frame text as received so numbers are read by
 * their lexemes; `frame` is the parsed object (for the `sig_body` member).
 *
 * @example
 * checkBodySignature(text, frame, 's3cr3t'); // { status: 'valid' }
 */
export function checkBodySignature(text: string, frame: JsonObject, secret: string): BodySignatureCheck {
  const claimed = getOwn(frame, 'sig_body');
  if (claimed === undefined || claimed === null) return { status: 'absent' };
  if (typeof claimed !== 'string') return { status: 'invalid', reason: "'sig_body' is not a string" };
  const expected = bodySignature(secret, text);
  if (!expected.ok) return { status: 'invalid', reason: `frame has no canonical form: ${expected.error}` };
  return constantTimeEqual(claimed, expected.value) ? { status: 'valid' } : { status: 'invalid', reason: "'sig_body' does not match" };
}
