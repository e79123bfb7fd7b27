import type { Store } from '@troupe/runtime';

/** Runs once every record pushed before it is written; `durable` is false when a write failed. */
export type AfterCommit = (durable: boolean) => void;

/**
 * Group commit over several store journals. Records pushed during one turn of the event loop are
 * written together (one append per journal, all awaited); while a write is in flight the next
 * group gathers, and starts the moment the previous one is done. Callbacks registered with
 * {@link GroupCommit.afterCommit} run, in order, once everything pushed before them is written:
 * that is how an event is emitted live, or a frame acknowledged, only once it is durable, at the
 * cost of one store transaction per group instead of one per message.
 *
 *     push/afterCommit ──> pending ──(next turn, no write in flight)──> writing ──> callbacks
 *                                   ^                                       │
 *                                   └──── pending gathered meanwhile ───────┘
 *
 * @example
 * const commit = new GroupCommit(store, onError);
 * commit.push('relay/A/events', text);
 * commit.afterCommit(() => listeners.forEach((l) => l(text)));
 */
export class GroupCommit {
  private pending = new Map<string, unknown[]>();
  private callbacks: AfterCommit[] = [];
  private writing: Promise<void> | undefined;
  private scheduled = false;

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Adds a record to `journal`'s next group (one journal entry holds the group's records). */
  push(journal: string, record: unknown): void {
    let list = this.pending.get(journal);
    if (list === undefined) {
      list = [];
      this.pending.set(journal, list);
    }
    list.push(record);
    this.schedule();
  }

  /** Runs `fn` once everything pushed so far is written. */
  afterCommit(fn: AfterCommit): void {
    this.callbacks.push(fn);
    this.schedule();
  }

  /** Writes everything pending now and waits for it (node stop). */
  async flush(): Promise<void> {
    while (this.writing !== undefined || this.pending.size > 0 || this.callbacks.length > 0) {
      if (this.writing !== undefined) await this.writing;
      else await this.run();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.writing !== undefined) return;
    this.scheduled = true;
    // The rest of this turn (every frame of one socket read, every request of one packet) joins the group.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private run(): Promise<void> {
    if (this.writing !== undefined) return this.writing;
    const groups = this.pending;
    const callbacks = this.callbacks;
    if (groups.size === 0 && callbacks.length === 0) return Promise.resolve();
    this.pending = new Map();
    this.callbacks = [];
    const writes: Promise<number>[] = [];
    for (const [journal, records] of groups) writes.push(this.store.append(journal, records));
    const done = (durable: boolean): void => {
      this.writing = undefined;
      for (const fn of callbacks) {
        try {
          fn(durable);
        } catch (error) {
          this.onError(error); // one failing listener must not hold back the others
        }
      }
      if (this.pending.size > 0 || this.callbacks.length > 0) void this.run();
    };
    this.writing = Promise.all(writes).then(
      () => done(true),
      (error: unknown) => {
        this.onError(error);
        done(false);
      },
    );
    return this.writing;
  }
}
