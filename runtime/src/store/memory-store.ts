import { TroupeError } from '../types/troupe-error.js';
import type { JournalEntry, ReadOptions, Store } from './store.js';

interface Journal {
  last: number;
  entries: JournalEntry[];
}

/**
 * A Store in memory: for tests and for nodes that need no durability. Values are deep-copied with
 * `structuredClone` so callers cannot mutate stored state by accident (as with a real backend).
 *
 * @example
 * const store = memoryStore();
 * await store.append('log', { a: 1 }); // 1
 */
/**
 * A private copy of a value. Strings, numbers and arrays of them (journal batches of encoded
 * events, the common case) are copied without `structuredClone`'s serialisation.
 */
function copyOf<T>(value: T): T {
  if (isPlain(value)) return value;
  if (Array.isArray(value) && value.every(isPlain)) return value.slice() as T;
  return structuredClone(value);
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function memoryStore(): Store {
  const journals = new Map<string, Journal>();
  const kv = new Map<string, unknown>();
  let closed = false;
  const open = (): void => {
    if (closed) throw new TroupeError('STORE_CLOSED', 'the store is closed');
  };
  const journal = (name: string): Journal => {
    let j = journals.get(name);
    if (!j) journals.set(name, (j = { last: 0, entries: [] }));
    return j;
  };
  return {
    kind: 'memory',
    async append(name, record) {
      open();
      const j = journal(name);
      j.last += 1;
      j.entries.push({ seq: j.last, record: copyOf(record) });
      return j.last;
    },
    async read<T>(name: string, options: ReadOptions = {}) {
      open();
      const after = options.after ?? 0;
      const out: JournalEntry<T>[] = [];
      for (const e of journals.get(name)?.entries ?? []) {
        if (e.seq <= after) continue;
        if (options.limit !== undefined && out.length >= options.limit) break;
        out.push({ seq: e.seq, record: copyOf(e.record) as T });
      }
      return out;
    },
    async lastSeq(name) {
      open();
      return journals.get(name)?.last ?? 0;
    },
    async trim(name, upTo) {
      open();
      const j = journals.get(name);
      if (j) j.entries = j.entries.filter((e) => e.seq > upTo);
    },
    async get<T>(key: string) {
      open();
      return kv.has(key) ? (copyOf(kv.get(key)) as T) : undefined;
    },
    async put(key, value) {
      open();
      kv.set(key, copyOf(value));
    },
    async delete(key) {
      open();
      return kv.delete(key);
    },
    async entries<T>(prefix: string) {
      open();
      return [...kv.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, copyOf(v) as T] as [string, T]);
    },
    async close() {
      closed = true;
    },
  };
}
