import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { TroupeError, type JournalEntry, type ReadOptions, type Store } from '@troupe/runtime';

/** Options of the lmdb store. */
export interface LmdbStoreOptions {
  /** Directory of the database (created if missing; any name, dots included). */
  readonly path: string;
}

/**
 * The default durable Store of a CLI node: lmdb on disk, values in msgpack. A resolved write
 * promise means lmdb committed the transaction. Journal entries live under the key
 * `[journal, seq]` (lmdb orders array keys element-wise, so a journal reads back in seq order);
 * each journal's high-water mark is kept apart so trimming never reuses a sequence number.
 *
 * @example
 * const store = lmdbStore({ path: '.troupe/data' });
 * await store.put('k', { v: 1 });
 */
export function lmdbStore(options: LmdbStoreOptions): Store {
  // lmdb takes a path whose last segment has a dot (`/tmp/tmp.X1`) for a database file, not a
  // directory; naming the file inside the directory explicitly works for every directory name.
  mkdirSync(options.path, { recursive: true });
  const root: RootDatabase = open({ path: join(options.path, 'troupe.mdb'), encoding: 'msgpack', compression: false });
  const kv: Database = root.openDB({ name: 'kv', encoding: 'msgpack' });
  const log: Database = root.openDB({ name: 'journal', encoding: 'msgpack' });
  const marks: Database<number, string> = root.openDB({ name: 'journal-last', encoding: 'msgpack' });
  let closed = false;
  const open_ = (): void => {
    if (closed) throw new TroupeError('STORE_CLOSED', 'the store is closed');
  };
  // Appends to one journal are serialized in-process so two concurrent appends get distinct seqs.
  const tails = new Map<string, number>();
  const lastOf = (name: string): number => tails.get(name) ?? marks.get(name) ?? 0;

  return {
    kind: 'lmdb',
    async append(name, record) {
      open_();
      const seq = lastOf(name) + 1;
      tails.set(name, seq);
      await root.transaction(() => {
        log.put([name, seq], record);
        marks.put(name, seq);
      });
      return seq;
    },
    async read<T>(name: string, opts: ReadOptions = {}) {
      open_();
      const out: JournalEntry<T>[] = [];
      const range = log.getRange({ start: [name, (opts.after ?? 0) + 1], end: [name, Number.MAX_SAFE_INTEGER] });
      for (const { key, value } of range) {
        if (opts.limit !== undefined && out.length >= opts.limit) break;
        out.push({ seq: (key as [string, number])[1], record: value as T });
      }
      return out;
    },
    async lastSeq(name) {
      open_();
      return lastOf(name);
    },
    async trim(name, upTo) {
      open_();
      await root.transaction(() => {
        for (const key of log.getKeys({ start: [name, 0], end: [name, upTo + 1] })) log.remove(key);
      });
    },
    async get<T>(key: string) {
      open_();
      return kv.get(key) as T | undefined;
    },
    async put(key, value) {
      open_();
      await kv.put(key, value);
    },
    async delete(key) {
      open_();
      // lmdb's remove() resolves true even for a missing key, so existence is checked first.
      if (!kv.doesExist(key)) return false;
      await kv.remove(key);
      return true;
    },
    async entries<T>(prefix: string) {
      open_();
      const out: [string, T][] = [];
      for (const { key, value } of kv.getRange({ start: prefix })) {
        if (typeof key !== 'string' || !key.startsWith(prefix)) break;
        out.push([key, value as T]);
      }
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      await root.flushed;
      await root.close();
    },
  };
}
