/**
 * How many of the oldest items to drop so that at most `keepCount` items and (beyond the newest
 * one, which always stays) at most `keepBytes` bytes remain, and the bytes left. Callers trim
 * only once a list passes a higher mark (twice the count, or the full byte bound), so one slice
 * pays for many appends.
 *
 * @example
 * oldestToDrop([{ bytes: 5 }, { bytes: 5 }, { bytes: 5 }], 15, (i) => i.bytes, 10, 6); // { drop: 2, bytes: 5 }
 */
export function oldestToDrop<T>(items: readonly T[], totalBytes: number, sizeOf: (item: T) => number, keepCount: number, keepBytes: number): { drop: number; bytes: number } {
  let drop = Math.max(0, items.length - keepCount);
  let bytes = totalBytes;
  for (let i = 0; i < drop; i += 1) bytes -= sizeOf(items[i] as T);
  while (drop < items.length - 1 && bytes > keepBytes) {
    bytes -= sizeOf(items[drop] as T);
    drop += 1;
  }
  return { drop, bytes };
}
