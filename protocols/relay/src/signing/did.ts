import { base58btcEncode } from './base58btc.js';
import { base64urlDecode } from './base64url.js';

/** Multicodec prefix of an Ed25519 public key (`ed25519-pub`, varint 0xed). */
const ED25519_PUB_MULTICODEC = [0xed, 0x01];

/**
 * `did:acp:<public key base64url>` (§2.7.3).
 *
 * @example
 * didAcp('ch3kzda5cy3JQE1Mhrm02vCXmsDuG5Tel0VVB8mD2PE'); // 'did:acp:ch3kzda5cy3JQE1Mhrm02vCXmsDuG5Tel0VVB8mD2PE'
 */
export function didAcp(publicKey: string): string {
  return `did:acp:${publicKey}`;
}

/**
 * The multibase value of a `did:key`: `z` + base58btc(0xED 0x01 ‖ raw key); always starts `z6Mk`.
 * Returns `undefined` when `publicKey` is not 32 bytes of base64url.
 *
 * @example
 * ed25519Multibase('ch3kzda5cy3JQE1Mhrm02vCXmsDuG5Tel0VVB8mD2PE'); // 'z6Mkn8ixhoffD9YoFAwFgJwHboFtieVs3oJokncLVbB4YBHa'
 */
export function ed25519Multibase(publicKey: string): string | undefined {
  const raw = base64urlDecode(publicKey, 32);
  if (raw === undefined) return undefined;
  return `z${base58btcEncode(Uint8Array.from([...ED25519_PUB_MULTICODEC, ...raw]))}`;
}

/**
 * `did:key:z6Mk…` for an Ed25519 public key, or `undefined` for a malformed key.
 *
 * @example
 * didKey('ch3kzda5cy3JQE1Mhrm02vCXmsDuG5Tel0VVB8mD2PE'); // 'did:key:z6Mkn8ixhoffD9YoFAwFgJwHboFtieVs3oJokncLVbB4YBHa'
 */
export function didKey(publicKey: string): string | undefined {
  const multibase = ed25519Multibase(publicKey);
  return multibase === undefined ? undefined : `did:key:${multibase}`;
}

/**
 * True when `did` (either form) names `publicKey`: upstream's `did_consistent` (§2.7.5).
 *
 * @example
 * didMatchesKey('did:acp:abc…', 'abc…'); // true
 */
export function didMatchesKey(did: string, publicKey: string): boolean {
  if (did.startsWith('did:acp:')) return did === didAcp(publicKey);
  if (did.startsWith('did:key:')) return did === didKey(publicKey);
  return false;
}
