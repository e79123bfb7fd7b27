import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { getOwn, isJsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { base64urlDecode, base64urlEncode } from './base64url.js';
import { didAcp, didKey } from './did.js';

/**
 * A node's Ed25519 identity: the private key plus the public forms every document needs.
 * The private key stays inside a `KeyObject` and is never exported by this package.
 */
export interface Ed25519Identity {
  /** Raw 32-byte public key, base64url without padding (43 characters). */
  readonly publicKey: string;
  readonly didKey: string;
  readonly didAcp: string;
  readonly privateKey: KeyObject;
}

/** DER header of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function fromPrivateKey(privateKey: KeyObject): Ed25519Identity {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = String(jwk.x);
  const dk = didKey(publicKey);
  if (dk === undefined) throw new Error('derived public key is not 32 bytes');
  return { publicKey, didKey: dk, didAcp: didAcp(publicKey), privateKey };
}

/**
 * Generates a fresh identity from the CSPRNG.
 *
 * @example
 * const id = generateEd25519Identity(); // id.didKey starts with 'did:key:z6Mk'
 */
export function generateEd25519Identity(): Ed25519Identity {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/**
 * Rebuilds an identity from its 32-byte seed (raw bytes or base64url, as upstream's key file
 * stores it in `private_key`).
 *
 * @example
 * const id = ed25519IdentityFromSeed(new Uint8Array(32).fill(7));
 */
export function ed25519IdentityFromSeed(seed: Uint8Array | string): Ed25519Identity {
  const raw = typeof seed === 'string' ? base64urlDecode(seed, 32) : seed;
  if (raw === undefined || raw.length !== 32) throw new RangeError('an Ed25519 seed is exactly 32 bytes');
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(raw)]);
  return fromPrivateKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

/**
 * Imports upstream's key file (`{scheme, public_key, private_key, …}`, §2.7.3), checking that the
 * stored public key belongs to the seed.
 *
 * @example
 * const r = ed25519IdentityFromKeyFile(JSON.parse(fileText));
 */
export function ed25519IdentityFromKeyFile(file: unknown): Result<Ed25519Identity> {
  if (!isJsonObject(file)) return err('key file must be a JSON object');
  const seed = getOwn(file, 'private_key');
  if (typeof seed !== 'string' || base64urlDecode(seed, 32) === undefined) return err("key file 'private_key' must be 32 bytes of base64url");
  const identity = ed25519IdentityFromSeed(seed);
  const stated = getOwn(file, 'public_key');
  if (stated !== undefined && stated !== identity.publicKey) return err("key file 'public_key' does not belong to its private key");
  return ok(identity);
}

/**
 * Signs bytes; returns the 64-byte signature as base64url (86 characters).
 *
 * @example
 * signEd25519(id, new TextEncoder().encode('hello'));
 */
export function signEd25519(identity: Ed25519Identity, data: Uint8Array): string {
  return base64urlEncode(sign(null, data, identity.privateKey));
}

/**
 * Verifies a base64url signature against a base64url public key. Malformed keys or signatures are
 * simply invalid; nothing throws.
 *
 * @example
 * verifyEd25519(publicKey, data, signature); // true or false
 */
export function verifyEd25519(publicKey: string, data: Uint8Array, signature: string): boolean {
  const sig = base64urlDecode(signature, 64);
  if (sig === undefined || base64urlDecode(publicKey, 32) === undefined) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, data, key, sig);
  } catch {
    return false;
  }
}
