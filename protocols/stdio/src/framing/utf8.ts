/**
 * UTF-8 length arithmetic on JS strings, without encoding them. Used to
 * enforce byte limits on outbound frames and to split long text chunks on
 * character boundaries. Lone surrogates count as 3 bytes, as encoders write
 * them as U+FFFD.
 */

/** Bytes taken by the UTF-16 unit at `i` (and its pair), or 0 for the low half of a pair. */
function unitBytes(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 4;
  }
  return 3;
}

/**
 * The UTF-8 byte length of `s`.
 *
 * @example
 * utf8ByteLength('é'); // 2
 */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const b = unitBytes(s, i);
    n += b;
    if (b === 4) i++;
  }
  return n;
}

/**
 * The longest prefix of `s` whose UTF-8 form fits in `maxBytes`, never
 * cutting a surrogate pair.
 *
 * @example
 * truncateUtf8('héllo', 2); // 'h'
 */
export function truncateUtf8(s: string, maxBytes: number): string {
  // Fast path: even at 3 bytes per unit it fits.
  if (s.length * 3 <= maxBytes) return s;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const b = unitBytes(s, i);
    if (n + b > maxBytes) return s.slice(0, i);
    n += b;
    if (b === 4) i++;
  }
  return s;
}

/**
 * Splits `s` into pieces of at most `maxBytes` UTF-8 bytes each, on
 * character boundaries. Returns `[s]` when it already fits.
 *
 * @example
 * splitUtf8('abcd', 3); // ['abc', 'd']
 */
export function splitUtf8(s: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must be at least 4');
  if (s.length * 3 <= maxBytes) return [s];
  const pieces: string[] = [];
  let start = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const b = unitBytes(s, i);
    if (n + b > maxBytes) {
      pieces.push(s.slice(start, i));
      start = i;
      n = 0;
    }
    n += b;
    if (b === 4) i++;
  }
  if (start < s.length) pieces.push(s.slice(start));
  return pieces;
}
