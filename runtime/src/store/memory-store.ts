import { TroupeError } from '../types/troupe-error.js';
import type { JournalEntry, ReadOptions, Store } from './store.js';

interface Journal {
  last: number;
  entries: JournalEntry[];
}

/**
 * A private copy of a value. Plain JSON-like data (primitives, arrays, objects with the plain
 * prototype: journal records, the common case) is copied member by member, which is several
 * times cheaper than `structuredClone`; anything else (dates, maps, typed arrays, cycles up to a
 * depth) goes through `structuredClone`.
 */
function copyOf<T>(value: T): T {
  const copy = plainCopy(value, 0);
  return copy === NOT_PLAIN ? structuredClone(value) : (copy as T);
}

const NOT_PLAIN = Symbol('not plain');

function plainCopy(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v !== 'object' || depth > 32) return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const c = plainCopy(item, depth + 1);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out.push(c);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const c = plainCopy((v as Record<string, unknown>)[key], depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    out[key] = c;
  }
  return out;
}

/**
 * A Store in memory: for tests and for nodes that need no durability. Values are deep-copied (see
 * `copyOf`) so callers cannot mutate stored state by accident (as with a real backend).
 *
 * @example
 * const store = memoryStore();
 * await store.append('log', { a: 1 }); // 1
 */
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
