import type { JsonObject } from '../core/json.js';
import { didAcp, didKey, ed25519Multibase } from '../signing/did.js';

/**
 * Identity documents served on the loopback API: the JWK Set (§3.7.3) and the DID document
 * (§3.7.4). Both take the base64url public key; a node without identity serves `{"keys": []}`
 * and a 404 for the DID document.
 */

/** One Ed25519 key of a JWK Set. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  use: 'sig';
  alg: 'EdDSA';
  kid: string;
}

/**
 * `{"keys": [...]}` with one key (`kid` = `<agent name>:<first 8 chars of x>`), or none.
 *
 * @example
 * buildJwks('WireX', 'ch3kzda5cy3JQE1Mhrm02vCXmsDuG5Tel0VVB8mD2PE').keys[0].kid; // 'WireX:ch3kzda5'
 * buildJwks('AgentA', null); // { keys: [] }
 */
export function buildJwks(agentName: string, publicKey: string | null): { keys: Ed25519Jwk[] } {
  if (publicKey === null) return { keys: [] };
  return { keys: [{ kty: 'OKP', crv: 'Ed25519', x: publicKey, use: 'sig', alg: 'EdDSA', kid: `${agentName}:${publicKey.slice(0, 8)}` }] };
}

/**
 * The DID document whose `id` is the `did:key`. It publishes the link, hence the token: serve it
 * on the loopback API only.
 *
 * @example
 * buildDidDocument(publicKey, 'acp://127.0.0.1:7871/tok_a2728f0b91df4038').id; // 'did:key:z6Mk…'
 */
export function buildDidDocument(publicKey: string, link: string): JsonObject {
  const id = didKey(publicKey);
  const multibase = ed25519Multibase(publicKey);
  if (id === undefined || multibase === undefined) throw new RangeError('public key must be 32 bytes of base64url');
  const keyRef = `${id}#key-1`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
    id,
    alsoKnownAs: [didAcp(publicKey)],
    verificationMethod: [{ id: keyRef, type: 'Ed25519VerificationKey2020', controller: id, publicKeyMultibase: multibase }],
    authentication: [keyRef],
    assertionMethod: [keyRef],
    service: [{ id: `${id}#acp`, type: 'ACPRelay', serviceEndpoint: link }],
  };
}
