import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { canonicalJson, tryCanonicalJson } from '../canonical/canonical-json.js';
import type { LosslessObject } from '../canonical/lossless-json.js';
import { didMatchesKey } from './did.js';
import { signEd25519, verifyEd25519, type Ed25519Identity } from './ed25519-identity.js';

/**
 * AgentCard signature (§2.7.5): `identity.card_sig` is an Ed25519 signature over
 * `canonical_json(card with only identity.card_sig removed)`.
 */

/** The `identity` block of a card (§5.3). */
export interface CardIdentity {
  scheme: string;
  public_key: string;
  pubkey_b64: string;
  /** The `did:acp` form here (message identity blocks use `did:key`). */
  did: string;
  did_key: string;
  did_acp: string;
  card_sig?: string;
  [extra: string]: JsonValue;
}

/**
 * The card `identity` block for a key, without `card_sig`.
 *
 * @example
 * cardIdentityBlock(identity).did; // 'did:acp:…'
 */
export function cardIdentityBlock(identity: Ed25519Identity): CardIdentity {
  return {
    scheme: 'ed25519',
    public_key: identity.publicKey,
    pubkey_b64: identity.publicKey,
    did: identity.didAcp,
    did_key: identity.didKey,
    did_acp: identity.didAcp,
  };
}

const encoder = new TextEncoder();

/**
 * Returns a copy of `card` whose `identity` is this key's block, signed with `card_sig`.
 * Sign after every other change: any later edit (even `timestamp`) invalidates it.
 *
 * @example
 * const signed = signAgentCard(buildAgentCard({ … }), identity);
 */
export function signAgentCard<T extends JsonObject>(card: T, identity: Ed25519Identity): T & { identity: CardIdentity } {
  const unsigned = { ...card, identity: cardIdentityBlock(identity) };
  const card_sig = signEd25519(identity, encoder.encode(canonicalJson(unsigned)));
  return { ...unsigned, identity: { ...unsigned.identity, card_sig } };
}

/** Upstream's verification report (`/peer/verify`, `/status.peer_card_verification`). */
export interface CardVerification {
  /** `null` for an unsigned card. */
  valid: boolean | null;
  did: string | null;
  did_consistent?: boolean | null;
  public_key: string | null;
  scheme: string;
  error: string | null;
  [extra: string]: JsonValue | undefined;
}

/** The `error` text upstream reports for a card without `card_sig`; clients may show it verbatim. */
export const UNSIGNED_CARD_ERROR = 'peer card has no card_sig (unsigned — peer may not support v1.8+)';

function field(obj: LosslessObject | JsonObject, key: string): unknown {
  return obj instanceof Map ? obj.get(key) : getOwn(obj, key);
}

/**
 * Verifies a card's `card_sig`. Pass the card as a lossless tree (from the received frame text)
 * to keep number lexemes exact, or as a parsed object.
 *
 * @example
 * checkCardSignature(card); // { valid: true, did: 'did:acp:…', did_consistent: true, public_key: '…', scheme: 'ed25519', error: null }
 */
export function checkCardSignature(card: LosslessObject | JsonObject): CardVerification {
  const rawIdentity = field(card, 'identity');
  const identity = rawIdentity instanceof Map ? Object.fromEntries(rawIdentity) : rawIdentity;
  const cardSig = isJsonObject(identity) ? getOwn(identity, 'card_sig') : undefined;
  if (!isJsonObject(identity) || typeof cardSig !== 'string') {
    return { valid: null, error: UNSIGNED_CARD_ERROR, did: null, public_key: null, scheme: 'none' };
  }
  const publicKey = getOwn(identity, 'public_key');
  const did = getOwn(identity, 'did');
  const scheme = getOwn(identity, 'scheme');
  const base = { did: typeof did === 'string' ? did : null, scheme: typeof scheme === 'string' ? scheme : 'none' };
  if (typeof publicKey !== 'string') return { valid: false, error: 'identity.public_key missing', ...base, public_key: null };

  const withoutSig = card instanceof Map ? new Map(card) : { ...card };
  const strippedIdentity = rawIdentity instanceof Map ? new Map(rawIdentity) : { ...(identity as JsonObject) };
  if (strippedIdentity instanceof Map) strippedIdentity.delete('card_sig');
  else delete strippedIdentity['card_sig'];
  if (withoutSig instanceof Map) withoutSig.set('identity', strippedIdentity as LosslessObject);
  else withoutSig['identity'] = strippedIdentity as JsonObject;

  const canonical = tryCanonicalJson(withoutSig);
  const didConsistent = base.did === null ? null : didMatchesKey(base.did, publicKey);
  if (!canonical.ok) return { valid: false, did: base.did, did_consistent: didConsistent, public_key: publicKey, scheme: base.scheme, error: canonical.error };
  const valid = verifyEd25519(publicKey, encoder.encode(canonical.value), cardSig);
  return { valid, did: base.did, did_consistent: didConsistent, public_key: publicKey, scheme: base.scheme, error: valid ? null : 'card_sig does not verify' };
}
