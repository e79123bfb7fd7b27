import { readFileSync } from 'node:fs';

/** Frames of one direction from a tee.mjs log (chunks joined, then split into lines). */
export function framesOf(log: string, dir: 'in' | 'out'): Record<string, unknown>[] {
  const text = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { dir: string; data: string })
    .filter((r) => r.dir === dir).map((r) => r.data).join('');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The raw text of one direction. */
export function rawOf(log: string, dir: 'in' | 'out'): string {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { dir: string; data: string })
    .filter((r) => r.dir === dir).map((r) => r.data).join('');
}
