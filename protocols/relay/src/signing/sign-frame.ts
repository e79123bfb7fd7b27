import type { JsonObject } from '../core/json.js';
import { MAX_MSG_BYTES, utf8ByteLength } from '../core/limits.js';
import { encodeFrame } from '../frames/encode-frame.js';
import type { Ed25519Identity } from './ed25519-identity.js';
import { addFrameIdentity } from './frame-identity.js';
import { addHmacSignature } from './hmac.js';
import { addBodySignature } from './hmac-body.js';

/** What a node signs its outgoing frames with; every member is optional. */
export interface FrameSigningKeys {
  /** Shared HMAC secret: adds `sig` to every frame, card frames included (§2.7.1). */
  readonly secret?: string;
  /** Also add `sig_body` (§2.7.2); needs `secret`. */
  readonly hmacBody?: boolean;
  /** Ed25519 identity: adds the `identity` block to every frame except card frames (§2.7.3). */
  readonly identity?: Ed25519Identity;
}

/**
 * Signs a frame in the order §2.7.2 fixes: `sig`, then `sig_body`, then `identity`, so the
 * Ed25519 signature covers both HMACs. Old signature members are replaced, which is what a
 * re-stamped offline-queue replay needs.
 *
 * @example
 * const signed = signFrame(buildMessageFrame({ … }), { secret: 's3cr3t', identity });
 */
export function signFrame<T extends JsonObject>(frame: T, keys: FrameSigningKeys): T {
  let out: JsonObject = { ...frame };
  delete out['sig'];
  delete out['sig_body'];
  delete out['identity'];
  if (keys.secret !== undefined) {
    out = addHmacSignature(out, keys.secret);
    if (keys.hmacBody === true) out = addBodySignature(out, keys.secret);
  } else if (keys.hmacBody === true) {
    throw new TypeError('hmacBody needs a secret');
  }
  if (keys.identity !== undefined && out['type'] !== 'acp.agent_card') out = addFrameIdentity(out, keys.identity);
  return out as T;
}

/** A signed frame ready to send, with its final size. */
export interface OutboundFrame<T extends JsonObject> {
  readonly frame: T;
  readonly text: string;
  /** UTF-8 length of `text`. */
  readonly bytes: number;
  /** True when `bytes` exceeds the limit: answer 413 `ERR_MSG_TOO_LARGE` and send nothing (§2.8). */
  readonly tooLarge: boolean;
}

/**
 * Signs and encodes a frame, measuring the final text as §2.8 requires.
 *
 * @example
 * const out = prepareOutboundFrame(frame, keys);
 * if (out.tooLarge) return errorResponse('ERR_MSG_TOO_LARGE', …);
 * socket.send(out.text);
 */
export function prepareOutboundFrame<T extends JsonObject>(frame: T, keys: FrameSigningKeys, maxBytes: number = MAX_MSG_BYTES): OutboundFrame<T> {
  const signed = signFrame(frame, keys);
  const text = encodeFrame(signed);
  const bytes = utf8ByteLength(text);
  return { frame: signed, text, bytes, tooLarge: bytes > maxBytes };
}
