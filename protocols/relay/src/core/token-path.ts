import { timingSafeEqual } from 'node:crypto';

/**
 * Host-side check of a peer upgrade request path (§2.2): `/<token>` and `/<token>/` are accepted,
 * anything else (a query string, extra characters, another token) is not. The token comparison
 * takes the same time wherever the first difference is, so the token cannot be guessed byte by byte.
 *
 * @example
 * matchesTokenPath('/tok_d04b73b59aba408e/', 'tok_d04b73b59aba408e'); // true
 * matchesTokenPath('/tok_d04b73b59aba408e?x=1', 'tok_d04b73b59aba408e'); // false
 */
export function matchesTokenPath(path: string, token: string): boolean {
  if (!path.startsWith('/')) return false;
  const candidate = path.endsWith('/') && path.length > 1 ? path.slice(1, -1) : path.slice(1);
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(token, 'utf8');
  // Compare against itself on a length mismatch so both branches do the same amount of work.
  const same = a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
  return same && token.length > 0;
}
