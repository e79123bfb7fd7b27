import { getOwn, isJsonObject, type JsonObject } from '../core/json.js';
import { checkFrameIdentity } from './frame-identity.js';
import { checkHmacSignature } from './hmac.js';
import { checkBodySignature } from './hmac-body.js';

/** What a receiver knows when it checks a frame (§2.6 steps 4 and 5). */
export interface InboundVerificationOptions {
  /** Shared HMAC secret; without it `sig` and `sig_body` are ignored. */
  readonly secret?: string;
  /** Receiver clock, epoch milliseconds. */
  readonly nowMs: number;
  /** HMAC replay window in seconds (default 300). */
  readonly windowSeconds?: number;
  /** Strict mode: drop unsigned non-card frames when a secret is set (§2.7.1). */
  readonly requireSignedFrames?: boolean;
  /** The peer's card on this connection advertised `urn:troupe:acp:hmac-body:v1`. */
  readonly peerUsesBodySignature?: boolean;
  /** `identity.public_key` of the peer's card on this connection: other signing keys are refused. */
  readonly pinnedPublicKey?: string;
}

/** Names recorded in an entry's `verified` list (§3.4.4). */
export type VerificationName = 'hmac' | 'hmac-body' | 'ed25519';

/** Receiver's decision about a frame. */
export type InboundVerification =
  | { readonly accept: true; readonly verified: VerificationName[]; readonly verifiedKey?: string }
  | { readonly accept: false; readonly reason: string };

/**
 * Applies Troupe's receive-side signature rules (§2.7.1–§2.7.3, §7.8): a wrong or stale `sig`, a
 * wrong `sig_body`, an invalid Ed25519 signature or a key other than the pinned one drops the
 * frame; unsigned frames are accepted unverified unless strict mode or the peer's advertised
 * body extension says otherwise. Card frames are exempt from the "must be signed" rules.
 *
 * @param text  the frame text exactly as received (signatures cover its number lexemes)
 * @param frame the same frame, parsed
 * @example
 * const v = verifyInboundFrame(text, frame, { secret, nowMs: clock.now() });
 * if (!v.accept) { rejected++; return; }
 */
export function verifyInboundFrame(text: string, frame: JsonObject, options: InboundVerificationOptions): InboundVerification {
  const verified: VerificationName[] = [];
  const isCard = getOwn(frame, 'type') === 'acp.agent_card';
  if (options.secret !== undefined) {
    const window = options.windowSeconds === undefined ? {} : { windowSeconds: options.windowSeconds };
    const hmac = checkHmacSignature(frame, options.secret, { nowMs: options.nowMs, ...window });
    if (hmac.status === 'stale' || hmac.status === 'invalid') return { accept: false, reason: hmac.reason };
    if (hmac.status === 'valid') verified.push('hmac');
    else if (options.requireSignedFrames === true && !isCard) return { accept: false, reason: "unsigned frame refused in strict mode (no 'sig')" };

    const body = checkBodySignature(text, frame, options.secret);
    if (body.status === 'invalid') return { accept: false, reason: body.reason };
    if (body.status === 'valid') verified.push('hmac-body');
    else if (options.peerUsesBodySignature === true && !isCard) return { accept: false, reason: "peer advertised body signatures but the frame has no 'sig_body'" };
  }

  // Only frames that claim an Ed25519 block pay for the lossless re-parse.
  const block = getOwn(frame, 'identity');
  if (!isJsonObject(block) || getOwn(block, 'scheme') !== 'ed25519') return { accept: true, verified };
  const identity = checkFrameIdentity(text);
  if (identity.status === 'invalid') return { accept: false, reason: identity.reason };
  if (identity.status === 'valid') {
    if (options.pinnedPublicKey !== undefined && identity.publicKey !== options.pinnedPublicKey) {
      return { accept: false, reason: "frame is signed with a key other than the one in the peer's card" };
    }
    verified.push('ed25519');
    return { accept: true, verified, verifiedKey: identity.publicKey };
  }
  return { accept: true, verified };
}
