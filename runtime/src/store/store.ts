/** One record of a journal with its sequence number (1-based, strictly increasing). */
export interface JournalEntry<T = unknown> {
  readonly seq: number;
  readonly record: T;
}

/** Options of `Store.read`. */
export interface ReadOptions {
  /** Only entries with `seq > after`. Default 0. */
  readonly after?: number;
  /** At most this many entries. Default: all. */
  readonly limit?: number;
}

/**
 * Persistence port: append-only journals (event histories, offline queues) plus a key/value map.
 * A promise that resolved means the write is durable for that backend (for `lmdb`: committed to
 * disk). Values are plain data (what msgpack can carry).
 *
 * Journals and keys are separate name spaces. Names are free-form strings; plugins prefix theirs
 * (`relay/sse`, `relay/offline/<peer>`).
 */
export interface Store {
  readonly kind: string;
  append(journal: string, record: unknown): Promise<number>;
  read<T = unknown>(journal: string, options?: ReadOptions): Promise<JournalEntry<T>[]>;
  /** Highest sequence number ever appended to the journal (0 for none), even if trimmed. */
  lastSeq(journal: string): Promise<number>;
  /** Deletes entries with `seq <= upTo` (acknowledged queue items, old history). */
  trim(journal: string, upTo: number): Promise<void>;
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Key/value pairs whose key starts with `prefix`, in key order. */
  entries<T = unknown>(prefix: string): Promise<[string, T][]>;
  close(): Promise<void>;
}
