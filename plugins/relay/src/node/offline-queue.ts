import type { Store } from '@troupe/runtime';
import type { JsonObject } from '@troupe/protocol-relay';

/** One queued frame (unsigned; it is re-stamped and signed at flush time, §6.6). */
export interface QueuedFrame {
  readonly key: string;
  readonly frame: JsonObject;
  readonly queuedAt: string;
}

/**
 * Offline queues keyed by destination (a dialled peer id, or `default`), kept in the store's
 * key/value space so they survive a restart. Enqueueing waits for the write: the 202 answer
 * promises the message is kept. A full queue refuses; nothing is evicted (§6.6).
 *
 * @example
 * const q = new OfflineQueue(store, 'relay/A/offline', 100);
 * await q.load();
 * await q.enqueue('default', frame, ts); // true
 * q.take('default'); // [{ frame, … }]
 */
export class OfflineQueue {
  private readonly queues = new Map<string, QueuedFrame[]>();
  private counter = 0;

  constructor(
    private readonly store: Store,
    private readonly prefix: string,
    readonly maxPerDestination: number,
  ) {}

  async load(): Promise<void> {
    for (const [key, value] of await this.store.entries<{ frame: JsonObject; queuedAt: string }>(`${this.prefix}/`)) {
      const rest = key.slice(this.prefix.length + 1);
      const slash = rest.lastIndexOf('/');
      const dest = rest.slice(0, slash);
      const n = Number(rest.slice(slash + 1));
      if (Number.isFinite(n)) this.counter = Math.max(this.counter, n);
      this.listFor(dest).push({ key, frame: value.frame, queuedAt: value.queuedAt });
    }
  }

  private listFor(dest: string): QueuedFrame[] {
    let list = this.queues.get(dest);
    if (!list) {
      list = [];
      this.queues.set(dest, list);
    }
    return list;
  }

  /** Keeps a frame for `dest`; false when that queue is full. */
  async enqueue(dest: string, frame: JsonObject, queuedAt: string): Promise<boolean> {
    const list = this.listFor(dest);
    if (list.length >= this.maxPerDestination) return false;
    this.counter += 1;
    const key = `${this.prefix}/${dest}/${String(this.counter).padStart(12, '0')}`;
    list.push({ key, frame, queuedAt });
    await this.store.put(key, { frame, queuedAt });
    return true;
  }

  depth(dest: string): number {
    return this.queues.get(dest)?.length ?? 0;
  }

  /** Removes and returns every frame queued for `dest`, oldest first. */
  take(dest: string): QueuedFrame[] {
    const list = this.queues.get(dest) ?? [];
    this.queues.delete(dest);
    for (const item of list) void this.store.delete(item.key).catch(() => undefined);
    return list;
  }

  /** Frames queued over all destinations. */
  total(): number {
    let n = 0;
    for (const list of this.queues.values()) n += list.length;
    return n;
  }

  /** The `/offline-queue` view (§3.5.6). */
  view(): JsonObject {
    const queue: JsonObject = {};
    for (const [dest, list] of this.queues) {
      if (list.length === 0) continue;
      queue[dest] = {
        depth: list.length,
        messages: list.map((q) => {
          const id = q.frame['message_id'] ?? q.frame['id'] ?? null;
          return { id, message_id: id, type: q.frame['type'] ?? null, queued_at: q.queuedAt };
        }),
      };
    }
    return { total_queued: this.total(), max_per_peer: this.maxPerDestination, queue };
  }
}
