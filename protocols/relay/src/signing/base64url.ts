/**
 * Base64url without padding (RFC 4648 §5), the encoding of Ed25519 keys and signatures (§2.7.3).
 * Decoding is strict: Node's own decoder skips invalid characters, which a verifier must not do.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Encodes bytes as unpadded base64url.
 *
 * @example
 * base64urlEncode(new Uint8Array([0xfb, 0xff])); // '-_8'
 */
export function base64urlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes unpadded base64url; returns `undefined` on any character outside the alphabet, on
 * padding, on an impossible length, or when `expectedLength` bytes were required and not found.
 *
 * @example
 * base64urlDecode('-_8'); // Uint8Array [0xfb, 0xff]
 */
export function base64urlDecode(text: string, expectedLength?: number): Uint8Array | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Buffer.from(text, 'base64url'));
  if (expectedLength !== undefined && bytes.length !== expectedLength) return undefined;
  // Reject non-canonical encodings (stray low bits in the last character) by re-encoding.
  return base64urlEncode(bytes) === text ? bytes : undefined;
}
