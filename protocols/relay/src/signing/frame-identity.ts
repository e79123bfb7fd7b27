import { getOwn, isJsonObject, type JsonObject } from '../core/json.js';
import { canonicalJson, tryCanonicalJson } from '../canonical/canonical-json.js';
import { parseLosslessJson, type LosslessObject } from '../canonical/lossless-json.js';
import { signEd25519, verifyEd25519, type Ed25519Identity } from './ed25519-identity.js';

/**
 * Ed25519 message identity (§2.7.3): a top-level `identity` block whose `sig` covers
 * `canonical_json(frame minus "identity")`, i.e. every other member including `sig`/`sig_body`.
 */

/** The `identity` block of a signed frame. */
export interface FrameIdentityBlock {
  scheme: 'ed25519';
  public_key: string;
  /** Alias of `public_key`. */
  pubkey_b64: string;
  /** The `did:key` form (the card uses `did:acp`). */
  did: string;
  sig: string;
  [extra: string]: string;
}

const encoder = new TextEncoder();

/**
 * Returns a copy of `frame` with an `identity` block appended; any previous block is replaced.
 * Add it last, after `sig` and `sig_body`.
 *
 * @example
 * const signed = addFrameIdentity(frame, identity); // signed.identity.scheme === 'ed25519'
 */
export function addFrameIdentity<T extends JsonObject>(frame: T, identity: Ed25519Identity): T & { identity: FrameIdentityBlock } {
  const body: JsonObject = { ...frame };
  delete body['identity'];
  const sig = signEd25519(identity, encoder.encode(canonicalJson(body)));
  const block: FrameIdentityBlock = { scheme: 'ed25519', public_key: identity.publicKey, pubkey_b64: identity.publicKey, did: identity.didKey, sig };
  return { ...body, identity: block } as T & { identity: FrameIdentityBlock };
}

/** Outcome of checking a frame's Ed25519 identity block. */
export type FrameIdentityCheck =
  | { readonly status: 'unsigned' }
  | { readonly status: 'valid'; readonly publicKey: string }
  | { readonly status: 'invalid'; readonly reason: string; readonly publicKey?: string };

/**
 * Checks the Ed25519 block of a received frame. Pass the frame **text** as received: the
 * canonical form needs the original number lexemes (an object parsed by `JSON.parse` works for
 * frames without floats). Frames without `identity.scheme == "ed25519"` are `unsigned`.
 *
 * @example
 * checkFrameIdentity(frameText); // { status: 'valid', publicKey: 'ch3kzda5…' }
 */
export function checkFrameIdentity(frame: string | JsonObject): FrameIdentityCheck {
  let identity: unknown;
  let body: LosslessObject | JsonObject;
  if (typeof frame === 'string') {
    const parsed = parseLosslessJson(frame);
    if (!parsed.ok) return { status: 'invalid', reason: `frame is not JSON: ${parsed.error}` };
    if (!(parsed.value instanceof Map)) return { status: 'invalid', reason: 'frame is not a JSON object' };
    body = new Map(parsed.value);
    const block = body.get('identity');
    identity = block instanceof Map ? Object.fromEntries(block) : block;
    body.delete('identity');
  } else {
    identity = getOwn(frame, 'identity');
    body = { ...frame };
    delete body['identity'];
  }
  if (!isJsonObject(identity) || getOwn(identity, 'scheme') !== 'ed25519') return { status: 'unsigned' };
  const publicKey = getOwn(identity, 'public_key') ?? getOwn(identity, 'pubkey_b64');
  const sig = getOwn(identity, 'sig');
  if (typeof publicKey !== 'string') return { status: 'invalid', reason: "identity block has no string 'public_key'" };
  if (typeof sig !== 'string') return { status: 'invalid', reason: "identity block has no string 'sig'", publicKey };
  const canonical = tryCanonicalJson(body);
  if (!canonical.ok) return { status: 'invalid', reason: `frame has no canonical form: ${canonical.error}`, publicKey };
  return verifyEd25519(publicKey, encoder.encode(canonical.value), sig)
    ? { status: 'valid', publicKey }
    : { status: 'invalid', reason: 'Ed25519 signature does not verify', publicKey };
}
