import type { Store } from '@troupe/runtime';
import type { GroupCommit } from './group-commit.js';

/** How much a journal keeps on disk (and so reads back on restart): records and bytes. */
export interface JournalBounds {
  readonly records: number;
  readonly bytes: number;
}

/**
 * A store journal written through a {@link GroupCommit}: the records of one group become one
 * journal entry (an array), so a burst costs one store transaction, not one per message.
 * Whoever must not act before a record is durable waits with `commit.afterCommit`.
 *
 * The journal is trimmed as it grows, by records and by bytes: every half-bound of writing is a
 * checkpoint, and reaching a checkpoint deletes what came before the one two back, so the store
 * holds about one bound (never more than two) whatever the frame size.
 *
 * @example
 * const j = new BatchedJournal<string>(store, commit, 'relay/A/events', { records: 4000, bytes: 64 << 20 }, onError);
 * j.push(text, text.length);      // written with the rest of its group
 * const last = await j.readLast(500);
 */
export class BatchedJournal<T> {
  private sinceRecords = 0;
  private sinceBytes = 0;
  private readonly marks: number[] = [];

  constructor(
    private readonly store: Store,
    private readonly commit: GroupCommit,
    readonly name: string,
    private readonly bounds: JournalBounds,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Adds a record of about `bytes` bytes to the next group. */
  push(record: T, bytes: number): void {
    this.commit.push(this.name, record);
    this.sinceRecords += 1;
    this.sinceBytes += bytes;
    if (this.sinceRecords * 2 >= this.bounds.records || this.sinceBytes * 2 >= this.bounds.bytes) {
      this.sinceRecords = 0;
      this.sinceBytes = 0;
      this.commit.afterCommit(() => {
        this.checkpoint().catch(this.onError);
      });
    }
  }

  private async checkpoint(): Promise<void> {
    this.marks.push(await this.store.lastSeq(this.name));
    if (this.marks.length > 2) await this.store.trim(this.name, this.marks.shift() as number);
  }

  /** The last `count` records, oldest first (every batch holds at least one). */
  async readLast(count: number): Promise<T[]> {
    const last = await this.store.lastSeq(this.name);
    const batches = await this.store.read<T[]>(this.name, { after: Math.max(0, last - count) });
    const all = batches.flatMap((b) => (Array.isArray(b.record) ? b.record : []));
    return all.slice(-count);
  }
}
