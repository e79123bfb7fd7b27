import { createHash } from 'node:crypto';

/**
 * The `rid` of a token on a rendezvous (§6.4): both ends derive it, so the rendezvous never sees
 * the token itself.
 *
 * @example
 * rendezvousId('tok_d04b73b59aba408e').length; // 64
 */
export function rendezvousId(token: string): string {
  return createHash('sha256').update(`acp-rendezvous-v1:${token}`, 'utf8').digest('hex');
}
