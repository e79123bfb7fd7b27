import type { Store } from '@troupe/runtime';

/**
 * A store journal written in batches: records pushed during one turn of the event loop become one
 * journal entry (an array), appended at the check phase. Under load that is one store write per
 * batch instead of one per message, and the message path never waits for the store.
 *
 * @example
 * const j = new BatchedJournal<string>(store, 'relay/A/events', onError);
 * j.push(text);                   // written with the others of this loop turn
 * const last = await j.readLast(500);
 */
export class BatchedJournal<T> {
  private pending: T[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(record: T): void {
    this.pending.push(record);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what is pending now (also called on stop). */
  flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
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
