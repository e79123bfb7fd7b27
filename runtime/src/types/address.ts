import { TroupeError } from './troupe-error.js';

/** Scheme of local actor addresses. */
export const TROUPE_SCHEME = 'troupe:';

/**
 * A parsed `troupe://<node>/<path>` address. Paths are slash-separated segments such as
 * `agents/summarizer/sessions/s-12`.
 */
export interface Address {
  readonly node: string;
  readonly path: string;
}

const SEGMENT = /^[A-Za-z0-9._~@:+-]+$/;

/**
 * Parses a `troupe://node/path` string.
 *
 * @example
 * parseAddress('troupe://local/agents/echo'); // { node: 'local', path: 'agents/echo' }
 */
export function parseAddress(text: string): Address {
  if (!text.startsWith('troupe://')) {
    throw new TroupeError('INVALID_ADDRESS', `address must start with troupe:// (got ${JSON.stringify(text)})`);
  }
  const rest = text.slice('troupe://'.length);
  const slash = rest.indexOf('/');
  const node = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  if (!node || !SEGMENT.test(node)) throw new TroupeError('INVALID_ADDRESS', `invalid node name in ${JSON.stringify(text)}`);
  for (const seg of path ? path.split('/') : []) {
    if (!SEGMENT.test(seg)) throw new TroupeError('INVALID_ADDRESS', `invalid path segment ${JSON.stringify(seg)} in ${JSON.stringify(text)}`);
  }
  return { node, path };
}

/** Formats an address back to its string form. */
export function formatAddress(address: Address): string {
  return address.path ? `troupe://${address.node}/${address.path}` : `troupe://${address.node}`;
}

/** True when `name` may be used as one path segment (an actor name). */
export function isValidSegment(name: string): boolean {
  return SEGMENT.test(name);
}
