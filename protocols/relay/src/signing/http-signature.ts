import { createHash } from 'node:crypto';
import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { HTTP_SIGNATURE_WINDOW_SECONDS } from '../core/limits.js';
import { canonicalJson, tryCanonicalJson } from '../canonical/canonical-json.js';
import { base64urlDecode } from './base64url.js';
import { signEd25519, verifyEd25519, type Ed25519Identity } from './ed25519-identity.js';

/**
 * The optional HTTP-side signature of a `/message:send` body (§2.7.6, upstream `relay/identity.py`):
 * `signature: {key_id, value, payload_hash}` plus an integer `timestamp` (unix seconds). The
 * signed bytes are `canonical_json({"message_id", "parts", "timestamp"})`.
 */

/** The `signature` member of a signed `/message:send` body. */
export interface HttpSignature {
  key_id: string;
  /** Ed25519 signature, base64url. */
  value: string;
  /** SHA-256 (hex) of the signed payload. */
  payload_hash: string;
  [extra: string]: JsonValue;
}

/**
 * The canonical payload text.
 *
 * @example
 * httpSignaturePayload('m1', [], 1711598400); // '{"message_id":"m1","parts":[],"timestamp":1711598400}'
 */
export function httpSignaturePayload(messageId: string, parts: JsonValue, timestamp: number): string {
  return canonicalJson({ message_id: messageId, parts, timestamp });
}

/**
 * `kid_` + the first 12 hex digits of SHA-256 of the raw public key.
 *
 * @example
 * httpSignatureKeyId(identity.publicKey); // 'kid_3f5a2b7c9d1e'
 */
export function httpSignatureKeyId(publicKey: string): string {
  const raw = base64urlDecode(publicKey, 32);
  if (raw === undefined) throw new RangeError('public key must be 32 bytes of base64url');
  return `kid_${createHash('sha256').update(raw).digest('hex').slice(0, 12)}`;
}

/**
 * Produces the `signature` object a client adds to its body (for tests and SDKs).
 *
 * @example
 * const signature = signHttpMessage(identity, 'm1', [textPart('hi')], 1711598400);
 */
export function signHttpMessage(identity: Ed25519Identity, messageId: string, parts: JsonValue, timestamp: number): HttpSignature {
  const payload = httpSignaturePayload(messageId, parts, timestamp);
  return {
    key_id: httpSignatureKeyId(identity.publicKey),
    value: signEd25519(identity, new TextEncoder().encode(payload)),
    payload_hash: createHash('sha256').update(payload, 'utf8').digest('hex'),
  };
}

/** Outcome of {@link checkHttpSignature}; the codes are the HTTP API's (400 each). */
export type HttpSignatureCheck =
  | { readonly status: 'absent' }
  | { readonly status: 'valid' }
  | { readonly status: 'rejected'; readonly code: 'ERR_REPLAY_DETECTED' | 'ERR_INVALID_SIGNATURE'; readonly message: string };

/**
 * Checks a body's HTTP-side signature against the connected peer's card key. A body without
 * `signature` is `absent`. Troupe decision: a signature without an integer `timestamp` is
 * rejected (upstream would sign timestamp 0 and skip the replay check).
 *
 * @example
 * checkHttpSignature(body, peerPublicKey, Math.floor(Date.now() / 1000));
 */
export function checkHttpSignature(body: JsonObject, publicKey: string, nowSeconds: number): HttpSignatureCheck {
  const signature = getOwn(body, 'signature');
  if (signature === undefined || signature === null) return { status: 'absent' };
  const invalid = (message: string): HttpSignatureCheck => ({ status: 'rejected', code: 'ERR_INVALID_SIGNATURE', message });
  if (!isJsonObject(signature)) return invalid("'signature' must be an object");
  const timestamp = getOwn(body, 'timestamp');
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) return invalid("a signed body needs an integer 'timestamp'");
  if (Math.abs(nowSeconds - timestamp) > HTTP_SIGNATURE_WINDOW_SECONDS) {
    return { status: 'rejected', code: 'ERR_REPLAY_DETECTED', message: `signature timestamp is outside the ±${HTTP_SIGNATURE_WINDOW_SECONDS} s window` };
  }
  const messageId = getOwn(body, 'message_id') ?? '';
  const parts = getOwn(body, 'parts') ?? [];
  if (typeof messageId !== 'string') return invalid("'message_id' must be a string");
  const payload = tryCanonicalJson({ message_id: messageId, parts, timestamp });
  if (!payload.ok) return invalid(`body has no canonical form: ${payload.error}`);
  const hash = createHash('sha256').update(payload.value, 'utf8').digest('hex');
  if (getOwn(signature, 'payload_hash') !== hash) return invalid('signature payload_hash does not match the body');
  const value = getOwn(signature, 'value');
  if (typeof value !== 'string' || !verifyEd25519(publicKey, new TextEncoder().encode(payload.value), value)) {
    return invalid('signature does not verify against the peer key');
  }
  return { status: 'valid' };
}
