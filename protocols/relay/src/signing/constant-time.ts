import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time independent of where they differ (signature checks, §2.7.1).
 *
 * @example
 * constantTimeEqual('abc', 'abc'); // true
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    // Still do one comparison so a length mismatch costs about the same.
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
