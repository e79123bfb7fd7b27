import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSystem, textOf, type Message } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';

const dir = mkdtempSync(join(tmpdir(), 'troupe-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shutdown and the durable store', () => {
  it('every message accepted into the lmdb journal before shutdown is there after a restart', async () => {
    const path = join(dir, 'node');
    const system = await createSystem({ store: lmdbStore({ path }) });
    const journal = system.spawn(async (m: Message) => { await system.store.append('inbox', textOf(m)); });
    for (let i = 0; i < 500; i++) journal.tell(`m${i}`);
    await system.shutdown();

    const reopened = lmdbStore({ path });
    const entries = await reopened.read<string>('inbox');
    expect(entries.map((e) => e.record)).toEqual(Array.from({ length: 500 }, (_, i) => `m${i}`));
    await reopened.close();
  });
});
