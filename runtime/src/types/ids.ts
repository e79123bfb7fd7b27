import { randomBytes } from 'node:crypto';

// A process-wide random prefix plus a counter: unique across restarts of the process with
// overwhelming probability, and ~20x cheaper than a UUID per message (ids are minted on every tell).
const prefix = randomBytes(6).toString('base64url');
let counter = 0;

/**
 * A short unique id, `<prefix>-<n>` in base 36. Ordered within one process.
 *
 * @example
 * const id = nextId('msg'); // 'msg-Xk3v9QaB-1a'
 */
export function nextId(kind = 'id'): string {
  counter += 1;
  return `${kind}-${prefix}-${counter.toString(36)}`;
}

/** A random id with no ordering, for things that leave the process (session ids, task ids). */
export function randomId(kind = 'id'): string {
  return `${kind}-${randomBytes(9).toString('base64url')}`;
}
