import { describe, expect, it } from 'vitest';
import type { Store } from '@troupe/runtime';

/**
 * The Store contract every backend passes: journals with increasing sequence numbers that trimming
 * never reuses, key/value pairs listed by prefix in key order, values copied in and out (callers
 * cannot mutate what is stored), and a closed store refusing writes with `STORE_CLOSED`.
 */
export function describeStoreContract(name: string, make: () => Store): void {
  describe(`Store contract: ${name}`, () => {
    it('appends to journals with increasing seqs and reads ranges', async () => {
      const s = make();
      expect(await s.append('j', { n: 1 })).toBe(1);
      expect(await s.append('j', { n: 2 })).toBe(2);
      expect(await s.append('other', 'x')).toBe(1);
      expect(await s.append('j', { n: 3 })).toBe(3);
      expect(await s.read('j')).toEqual([{ seq: 1, record: { n: 1 } }, { seq: 2, record: { n: 2 } }, { seq: 3, record: { n: 3 } }]);
      expect(await s.read('j', { after: 1, limit: 1 })).toEqual([{ seq: 2, record: { n: 2 } }]);
      expect(await s.read('missing')).toEqual([]);
      await s.close();
    });

    it('trims without ever reusing a sequence number', async () => {
      const s = make();
      for (let i = 0; i < 5; i++) await s.append('q', i);
      await s.trim('q', 3);
      expect((await s.read('q')).map((e) => e.seq)).toEqual([4, 5]);
      expect(await s.lastSeq('q')).toBe(5);
      expect(await s.append('q', 5)).toBe(6);
      await s.close();
    });

    it('keeps key/value pairs and lists them by prefix in key order', async () => {
      const s = make();
      await s.put('peer/b', { id: 'b' });
      await s.put('peer/a', { id: 'a' });
      await s.put('task/1', { id: 1 });
      expect(await s.get('peer/a')).toEqual({ id: 'a' });
      expect(await s.get('nope')).toBeUndefined();
      expect((await s.entries('peer/')).map(([k]) => k)).toEqual(['peer/a', 'peer/b']);
      expect(await s.delete('peer/a')).toBe(true);
      expect(await s.delete('peer/a')).toBe(false);
      await s.close();
      await expect(s.put('k', 1)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });

    it('does not let callers mutate stored values', async () => {
      const s = make();
      const v = { list: [1] };
      await s.put('k', v);
      v.list.push(2);
      expect(await s.get('k')).toEqual({ list: [1] });
      // journal records (plain nested data, as the relay writes them) and what is read back
      const record = [{ t: 1, p: 'peer', v: ['hmac'], f: '{"a":1}' }, 'text', 3];
      await s.append('j', record);
      (record[0] as { v: string[] }).v.push('changed');
      record.push(4);
      const [read] = await s.read<unknown[]>('j');
      expect(read?.record).toEqual([{ t: 1, p: 'peer', v: ['hmac'], f: '{"a":1}' }, 'text', 3]);
      read!.record.push('mutated by a reader');
      expect((await s.read<unknown[]>('j'))[0]?.record).toHaveLength(3);
      // values that are not plain data keep their type
      const at = new Date(5);
      await s.put('d', { at, bytes: new Uint8Array([1, 2]), missing: undefined });
      const back = await s.get<{ at: Date; bytes: Uint8Array; missing: undefined }>('d');
      expect(back?.at).toBeInstanceOf(Date);
      expect(back?.at.getTime()).toBe(5);
      expect(back?.at).not.toBe(at);
      expect([...(back?.bytes ?? [])]).toEqual([1, 2]);
      expect(back && 'missing' in back).toBe(true);
      await s.close();
    });
  });
}
