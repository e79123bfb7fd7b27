import type { Store } from '@troupe/runtime';
import type { GroupCommit } from './group-commit.js';

/**
 * A store journal written through a {@link GroupCommit}: the records of one group become one
 * journal entry (an array), so a burst costs one store transaction, not one per message.
 * Whoever must not act before a record is durable waits with `commit.afterCommit`.
 *
 * @example
 * const j = new BatchedJournal<string>(store, commit, 'relay/A/events');
 * j.push(text);                   // written with the rest of its group
 * const last = await j.readLast(500);
 */
export class BatchedJournal<T> {
  constructor(
    private readonly store: Store,
    private readonly commit: GroupCommit,
    readonly name: string,
  ) {}

  push(record: T): void {
    this.commit.push(this.name, record);
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
