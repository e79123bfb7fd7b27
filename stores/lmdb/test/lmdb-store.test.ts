import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lmdbStore } from '@troupe/store-lmdb';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'troupe-store-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('lmdb durability', () => {
  it('keeps journals, marks and keys across a reopen', async () => {
    const path = tempDir();
    const a = lmdbStore({ path });
    await a.append('sse', { seq: 'one' });
    await a.append('sse', { seq: 'two' });
    await a.trim('sse', 1);
    await a.put('card', { name: 'x' });
    await a.close();
    const b = lmdbStore({ path });
    expect(await b.read('sse')).toEqual([{ seq: 2, record: { seq: 'two' } }]);
    expect(await b.lastSeq('sse')).toBe(2);
    expect(await b.append('sse', 'three')).toBe(3);
    expect(await b.get('card')).toEqual({ name: 'x' });
    await b.close();
  });
});

describe('lmdb store directories', () => {
  it('opens a directory whose name has a dot (regression: lmdb took it for a file)', async () => {
    const path = join(tempDir(), 'tmp.X1y2');
    const s = lmdbStore({ path });
    await s.put('k', 1);
    expect(await s.get('k')).toBe(1);
    await s.close();
  });
});
