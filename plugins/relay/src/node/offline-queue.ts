import type { Store } from '@troupe/runtime';
import type { JsonObject } from '@troupe/protocol-relay';

/** One queued frame (unsigned; it is re-stamped and signed at flush time, §6.6). */
export interface QueuedFrame {
  readonly key: string;
  /** The queue it belongs to (part of its store key). */
  readonly dest: string;
  readonly frame: JsonObject;
  readonly queuedAt: string;
}

/**
 * Offline queues keyed by destination (a dialled peer id, or `default`), kept in the store's
 * key/value space so they survive a restart. Enqueueing waits for the write: the 202 answer
 * promises the message is kept. A full queue refuses; nothing is evicted (§6.6).
 *
 * A flush takes frames out of the in-memory queue but leaves them in the store until the peer
 * acknowledged them ({@link OfflineQueue.confirm}); a flush cut short puts them back
 * ({@link OfflineQueue.restore}), and a restart finds them still queued.
 *
 * @example
 * const q = new OfflineQueue(store, 'relay/A/offline', 100);
 * await q.load();
 * await q.enqueue('default', frame, ts); // true
 * const items = q.take('default');       // [{ frame, … }], still in the store
 * await q.confirm(items[0]);             // acknowledged: gone for good
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
      this.listFor(dest).push({ key, dest, frame: value.frame, queuedAt: value.queuedAt });
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

  /**
   * Keeps a frame for `dest`; false when that queue is full. `force` ignores the bound: a frame
   * already answered 200 and sent, but never acknowledged, must not be refused.
   */
  async enqueue(dest: string, frame: JsonObject, queuedAt: string, force = false): Promise<boolean> {
    const list = this.listFor(dest);
    if (!force && list.length >= this.maxPerDestination) return false;
    this.counter += 1;
    const key = `${this.prefix}/${dest}/${String(this.counter).padStart(12, '0')}`;
    list.push({ key, dest, frame, queuedAt });
    await this.store.put(key, { frame, queuedAt });
    return true;
  }

  /**
   * Keeps a frame already written to its peer in the store only (not in the in-memory queue): an
   * answered send survives a crash of this node until the peer acknowledges it, and a restart finds
   * it queued for `dest` and resends it. Waits for the write.
   */
  async keep(dest: string, frame: JsonObject, queuedAt: string): Promise<QueuedFrame> {
    this.counter += 1;
    const key = `${this.prefix}/${dest}/${String(this.counter).padStart(12, '0')}`;
    await this.store.put(key, { frame, queuedAt });
    return { key, dest, frame, queuedAt };
  }

  depth(dest: string): number {
    return this.queues.get(dest)?.length ?? 0;
  }

  /** Takes every frame queued for `dest`, oldest first, for a flush; the store keeps them until confirmed. */
  take(dest: string): QueuedFrame[] {
    const list = this.queues.get(dest) ?? [];
    this.queues.delete(dest);
    return list;
  }

  /** A taken frame was delivered (acknowledged, or sent to a peer without acknowledgements). */
  async confirm(item: QueuedFrame): Promise<void> {
    await this.store.delete(item.key);
  }

  /** Puts taken frames back in front of their queues, in their order (their flush was cut short). */
  restore(items: readonly QueuedFrame[]): void {
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const item = items[i] as QueuedFrame;
      this.listFor(item.dest).unshift(item);
    }
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
