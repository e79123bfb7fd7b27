import { createHash } from 'node:crypto';

/**
 * The rendezvous address of a link (§6.4): `hex(SHA-256("acp-rendezvous-v1:" + token))`. The
 * rendezvous relay only ever sees this value, never the token.
 *
 * @example
 * rendezvousId('tok_d04b73b59aba408e'); // 64 lowercase hex digits
 */
export function rendezvousId(token: string): string {
  return createHash('sha256').update(`acp-rendezvous-v1:${token}`, 'utf8').digest('hex');
}

/** The frame a rendezvous sends to both sockets of a new pair: `{"type": "rendezvous.paired", "rid": …}`. */
export const RENDEZVOUS_PAIRED_TYPE = 'rendezvous.paired';

/**
 * True when a text frame is the rendezvous's `rendezvous.paired` notice (anything else a waiting
 * socket receives, malformed JSON included, is not).
 *
 * @example
 * isRendezvousPaired('{"type":"rendezvous.paired","rid":"ab12"}'); // true
 */
export function isRendezvousPaired(text: string): boolean {
  try {
    const frame = JSON.parse(text) as { type?: unknown } | null;
    return typeof frame === 'object' && frame !== null && frame.type === RENDEZVOUS_PAIRED_TYPE;
  } catch {
    return false;
  }
}
