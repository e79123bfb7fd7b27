import { getOwn, setOwn, type JsonObject, type JsonValue } from '../core/json.js';

/**
 * Members every frame type may carry (§2.3). Frames are plain JSON objects with wire names;
 * members this package does not know stay on the object.
 */
export interface FrameCommon {
  message_id?: string;
  /** Legacy fallback key for dedupe; upstream's `/send` fills it. */
  id?: string;
  ts?: string;
  from?: string;
  /** HMAC-SHA256 of `message_id:ts`, lowercase hex (§2.7.1). */
  sig?: string;
  /** Troupe's body-covering HMAC (§2.7.2). */
  sig_body?: string;
  /** Ed25519 block (§2.7.3). */
  identity?: JsonObject;
  [extra: string]: JsonValue;
}

/**
 * Verification-result keys a receiver records itself. A peer can pre-set them, so they are removed
 * from every incoming frame before it is stored (§2.3).
 */
export const VERIFICATION_FLAG_KEYS = ['_sig_invalid', '_replay_rejected', '_ed25519_verified', '_ed25519_invalid', '_verified'] as const;

/**
 * Returns a shallow copy of `frame` without the keys of {@link VERIFICATION_FLAG_KEYS}.
 *
 * @example
 * stripVerificationFlags({ type: 'x', _ed25519_verified: true }); // { type: 'x' }
 */
export function stripVerificationFlags<T extends JsonObject>(frame: T): T {
  const copy: JsonObject = {};
  const keys = Object.keys(frame);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (isVerificationFlag(key)) continue;
    const value = frame[key];
    if (value !== undefined) setOwn(copy, key, value);
  }
  return copy as T;
}

/** Every flag key starts with '_', so most members are passed after one character test. */
function isVerificationFlag(key: string): boolean {
  return key.charCodeAt(0) === 95 && (VERIFICATION_FLAG_KEYS as readonly string[]).includes(key);
}

/**
 * The dedupe key of a frame: `message_id`, or failing that `id` (§2.6). Frames without either are
 * never deduped. Card frames are never deduped either; that is the caller's rule.
 *
 * @example
 * dedupeKey({ type: 'weird.type', message_id: 'w1' }); // 'w1'
 */
export function dedupeKey(frame: JsonObject): string | undefined {
  const messageId = getOwn(frame, 'message_id');
  if (typeof messageId === 'string' && messageId.length > 0) return messageId;
  const id = getOwn(frame, 'id');
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
