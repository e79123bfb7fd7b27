import type { Store } from '@troupe/runtime';
import {
  decodeFrame, DEDUPE_WINDOW_SIZE, inboundMessageEntry, legacyEntry, MESSAGE_DEQUE_SIZE, type InboundContext,
  type JsonObject, type MessageFrame,
} from '@troupe/protocol-relay';
import { BatchedJournal } from './batched-journal.js';
import type { GroupCommit } from './group-commit.js';
import { oldestToDrop } from './trim-oldest.js';

/** One deque entry: the visible shape plus the numeric time used to sort and filter (§7.1). */
export interface DequeEntry {
  readonly entry: JsonObject;
  readonly atMs: number;
  readonly inbound: boolean;
  /** Context id and server_seq of the message, for `/context/{id}/messages`. */
  readonly frame: MessageFrame | undefined;
  /** About how many bytes the entry holds (its wire text). */
  readonly bytes: number;
}

/** Bounds of what a node keeps of the messages it received, in entries and in bytes. */
export interface InboxBounds {
  /** Deque (`/recv`, `/messages`) bytes; entries are bounded by §1.5's 1,000. */
  readonly dequeBytes: number;
  /** History (`/history`, in memory and on disk) entries. */
  readonly historySize: number;
  /** History bytes. */
  readonly historyBytes: number;
}

/** Default {@link InboxBounds}: a byte bound only bites for large frames (1,000 × 64 KiB). */
export const DEFAULT_INBOX_BOUNDS: InboxBounds = { dequeBytes: 64 * 1024 * 1024, historySize: 10_000, historyBytes: 64 * 1024 * 1024 };

interface HistoryItem {
  readonly entry: JsonObject;
  readonly bytes: number;
}

/** What the history journal keeps per inbound frame: the wire text plus how it arrived. */
interface HistoryRecord {
  readonly t: number;
  readonly p: string;
  readonly v: InboundContext['verified'];
  readonly k?: string;
  readonly f: string;
}

/**
 * Received state of a node: the message deque read by `/recv` and `/messages` (§3.4.4), the
 * inbound history (durable journal; `/history`) and the dedupe window, which is rebuilt from the
 * history on restart so a frame replayed after a restart is still delivered once.
 *
 * Deque and history are bounded in entries and in bytes ({@link InboxBounds}), oldest dropped
 * first, so a peer sending 1 MB frames costs a plateau, not a climb. Each entry holds the parsed
 * frame once (deque and history share it); the wire text lives only until its journal write.
 *
 * @example
 * const inbox = new Inbox(store, commit, 'relay/A/history');
 * await inbox.load();
 * if (inbox.firstSighting('msg-1')) inbox.addInbound(frame, text, ctx);
 */
export class Inbox {
  readonly deque: DequeEntry[] = [];
  private dequeBytes = 0;
  private history: HistoryItem[] = [];
  private historyBytes = 0;
  private historyTotal = 0;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private seenHead = 0;
  private onError: (error: unknown) => void = () => {};
  private readonly journal: BatchedJournal<HistoryRecord>;

  constructor(
    store: Store,
    commit: GroupCommit,
    journal: string,
    private readonly bounds: InboxBounds = DEFAULT_INBOX_BOUNDS,
    private readonly dedupeWindow = DEDUPE_WINDOW_SIZE * 4,
  ) {
    this.journal = new BatchedJournal(store, commit, journal, { records: bounds.historySize, bytes: bounds.historyBytes }, (e) => this.onError(e));
  }

  reportErrorsTo(fn: (error: unknown) => void): void {
    this.onError = fn;
  }

  /** Restores history and the dedupe window from the journal. */
  async load(): Promise<void> {
    const records = await this.journal.readLast(this.bounds.historySize);
    this.historyTotal = records.length;
    for (const record of records) {
      const decoded = decodeFrame(record.f);
      if (!decoded.ok) continue;
      const ctx = contextOf(record);
      const entry = decoded.value.kind === 'message' ? inboundMessageEntry(decoded.value.frame, ctx) : legacyEntry(decoded.value.frame, ctx);
      this.addHistory(entry, record.f.length);
      const id = entry['message_id'];
      if (typeof id === 'string') this.remember(id);
    }
  }

  /** True the first time an id is seen within the window; later sightings are duplicates. */
  firstSighting(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.remember(id);
    return true;
  }

  private remember(id: string): void {
    this.seen.add(id);
    this.seenOrder.push(id);
    if (this.seenOrder.length - this.seenHead > this.dedupeWindow) {
      const old = this.seenOrder[this.seenHead];
      this.seenHead += 1;
      if (old !== undefined) this.seen.delete(old);
      if (this.seenHead > 4096) {
        this.seenOrder.splice(0, this.seenHead);
        this.seenHead = 0;
      }
    }
  }

  /** Records an inbound message or legacy entry in deque, history and journal. */
  addInbound(entry: JsonObject, frame: MessageFrame | undefined, text: string, ctx: InboundContext): void {
    this.push({ entry, atMs: ctx.receivedAtMs, inbound: true, frame, bytes: text.length });
    this.addHistory(entry, text.length);
    this.historyTotal += 1;
    const record: HistoryRecord = ctx.verifiedKey === undefined
      ? { t: ctx.receivedAtMs, p: ctx.peerId, v: [...ctx.verified], f: text }
      : { t: ctx.receivedAtMs, p: ctx.peerId, v: [...ctx.verified], k: ctx.verifiedKey, f: text };
    this.journal.push(record, text.length);
  }

  private addHistory(entry: JsonObject, bytes: number): void {
    this.history.push({ entry, bytes });
    this.historyBytes += bytes;
    const { historySize, historyBytes } = this.bounds;
    if (this.history.length > historySize * 2 || this.historyBytes > historyBytes) {
      const { drop, bytes: left } = oldestToDrop(this.history, this.historyBytes, sizeOf, historySize, (historyBytes * 3) / 4);
      this.history = this.history.slice(drop);
      this.historyBytes = left;
    }
  }

  /** Records a local outbound message (not part of history) of about `bytes` bytes. */
  addOutbound(entry: JsonObject, frame: MessageFrame, atMs: number, bytes: number): void {
    this.push({ entry, atMs, inbound: false, frame, bytes });
  }

  private push(item: DequeEntry): void {
    this.deque.push(item);
    this.dequeBytes += item.bytes;
    // Trimmed in chunks (back to the upstream bound) so a full deque costs no memmove per message.
    if (this.deque.length > MESSAGE_DEQUE_SIZE * 2 || this.dequeBytes > this.bounds.dequeBytes) {
      const { drop, bytes } = oldestToDrop(this.deque, this.dequeBytes, sizeOf, MESSAGE_DEQUE_SIZE, (this.bounds.dequeBytes * 3) / 4);
      this.deque.splice(0, drop);
      this.dequeBytes = bytes;
    }
  }

  /** Destructive read from the front (`/recv`). */
  drain(limit: number): JsonObject[] {
    const taken = this.deque.splice(0, Math.max(0, limit));
    for (const d of taken) this.dequeBytes -= d.bytes;
    return taken.map((d) => d.entry);
  }

  /** The last `limit` inbound entries, oldest first, and how many were ever stored. */
  recentHistory(limit: number): { history: JsonObject[]; total: number } {
    return { history: limit <= 0 ? [] : this.history.slice(-limit).map((h) => h.entry), total: this.historyTotal };
  }
}

const sizeOf = (item: { readonly bytes: number }): number => item.bytes;

function contextOf(record: HistoryRecord): InboundContext {
  return record.k === undefined
    ? { receivedAtMs: record.t, peerId: record.p, verified: record.v }
    : { receivedAtMs: record.t, peerId: record.p, verified: record.v, verifiedKey: record.k };
}
