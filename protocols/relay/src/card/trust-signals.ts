import type { JsonObject } from '../core/json.js';
import { HMAC_WINDOW_SECONDS } from '../core/limits.js';
import type { TrustSignal } from './agent-card.js';

/** Which trust mechanisms a node has turned on. */
export interface TrustFeatures {
  readonly hmac: boolean;
  readonly hmacBody: boolean;
  readonly identity: boolean;
  readonly jwks: boolean;
}

function signal(type: string, enabled: boolean, description: string, details: JsonObject, extra: JsonObject = {}): TrustSignal {
  // A disabled signal carries empty details (§5.4).
  return { type, enabled, description, ...extra, details: enabled ? details : {} };
}

/**
 * The `trust.signals` list (§5.4): upstream's seven types in its order, plus Troupe's
 * `hmac_body_signing` when that extension is on. Descriptions are free text.
 *
 * @example
 * trustSignals({ hmac: true, hmacBody: false, identity: false, jwks: false }).length; // 7
 */
export function trustSignals(features: TrustFeatures): TrustSignal[] {
  const list = [
    signal('hmac_message_signing', features.hmac, 'Frames carry an HMAC-SHA256 of message_id and ts under a shared secret.', { scheme: 'hmac-sha256', field: 'sig' }),
    signal('ed25519_identity', features.identity, 'Frames are signed with a locally generated Ed25519 key, named by a did:key.', { field: 'identity' }),
    signal('agent_card_signature', features.identity, 'This card is signed with the same Ed25519 key (identity.card_sig).', { field: 'identity.card_sig' }),
    signal('peer_card_verification', true, "Each peer's card is checked on arrival; the result is served by the API.", { endpoint: '/peer/verify' }),
    signal('replay_window', features.hmac, 'Signed frames whose ts is too far from the receiver clock are dropped.', { window_seconds: HMAC_WINDOW_SECONDS }),
    signal('did_document', features.identity, 'A DID document for the key is served by the local API.', { endpoint: '/.well-known/did.json' }),
    signal('jwks', features.identity && features.jwks, 'The Ed25519 public key is published as a JWK Set.', { endpoint: '/.well-known/jwks.json' }, {
      jwks_uri: '/.well-known/jwks.json',
      alg: 'EdDSA',
    }),
  ];
  if (features.hmacBody) {
    list.push(signal('hmac_body_signing', true, 'Frames also carry sig_body, an HMAC over the whole canonical frame.', { field: 'sig_body' }));
  }
  return list;
}
