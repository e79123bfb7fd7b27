import type { Store } from '@troupe/runtime';

/** How long records may wait for companions before their batch is written. */
export const JOURNAL_BATCH_MS = 5;

/**
 * A store journal written in batches: records pushed within {@link JOURNAL_BATCH_MS} become one
 * journal entry (an array). Under load that is one store transaction per batch instead of one per
 * message, and the message path never waits for the store. The price is that a crash can lose
 * the last few milliseconds of event history (never an offline-queued message: the queue is
 * written before its 202).
 *
 * @example
 * const j = new BatchedJournal<string>(store, 'relay/A/events', onError);
 * j.push(text);                   // written with the others of the next few ms
 * const last = await j.readLast(500);
 */
export class BatchedJournal<T> {
  private pending: T[] = [];
  private scheduled: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(record: T): void {
    this.pending.push(record);
    if (this.scheduled === undefined) {
      this.scheduled = setTimeout(() => void this.flush(), JOURNAL_BATCH_MS);
      this.scheduled.unref();
    }
  }

  /** Writes what is pending now (also called on stop). */
  flush(): Promise<void> {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    return this.store.append(this.name, batch).then(() => undefined, this.onError);
  }

  /** The last `count` records, oldest first (every batch holds at least one). */
  async readLast(count: number): Promise<T[]> {
    const last = await this.store.lastSeq(this.name);
    const batches = await this.store.read<T[]>(this.name, { after: Math.max(0, last - count) });
    const all = batches.flatMap((b) => (Array.isArray(b.record) ? b.record : []));
    return all.slice(-count);
  }

  /** Drops batches older than the last `keepBatches` (old history). */
  async trimTo(keepBatches: number): Promise<void> {
    const last = await this.store.lastSeq(this.name);
    if (last > keepBatches) await this.store.trim(this.name, last - keepBatches);
  }
}
