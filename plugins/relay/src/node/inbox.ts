import type { Store } from '@troupe/runtime';
import {
  decodeFrame, DEDUPE_WINDOW_SIZE, inboundMessageEntry, legacyEntry, MESSAGE_DEQUE_SIZE, type InboundContext,
  type JsonObject, type MessageFrame,
} from '@troupe/protocol-relay';
import { BatchedJournal } from './batched-journal.js';
import type { GroupCommit } from './group-commit.js';

/** One deque entry: the visible shape plus the numeric time used to sort and filter (§7.1). */
export interface DequeEntry {
  readonly entry: JsonObject;
  readonly atMs: number;
  readonly inbound: boolean;
  /** Context id and server_seq of the message, for `/context/{id}/messages`. */
  readonly frame: MessageFrame | undefined;
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
 * @example
 * const inbox = new Inbox(store, commit, 'relay/A/history');
 * await inbox.load();
 * if (inbox.firstSighting('msg-1')) inbox.addInbound(frame, text, ctx);
 */
export class Inbox {
  readonly deque: DequeEntry[] = [];
  private history: JsonObject[] = [];
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
    private readonly historyKept = 10_000,
    private readonly dedupeWindow = DEDUPE_WINDOW_SIZE * 4,
  ) {
    this.journal = new BatchedJournal(store, commit, journal);
  }

  reportErrorsTo(fn: (error: unknown) => void): void {
    this.onError = fn;
  }

  /** Restores history and the dedupe window from the journal. */
  async load(): Promise<void> {
    const records = await this.journal.readLast(this.historyKept);
    this.historyTotal = records.length;
    for (const record of records) {
      const decoded = decodeFrame(record.f);
      if (!decoded.ok) continue;
      const ctx = contextOf(record);
      const entry = decoded.value.kind === 'message' ? inboundMessageEntry(decoded.value.frame, ctx) : legacyEntry(decoded.value.frame, ctx);
      this.history.push(entry);
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
    this.push({ entry, atMs: ctx.receivedAtMs, inbound: true, frame });
    this.history.push(entry);
    this.historyTotal += 1;
    if (this.history.length > this.historyKept * 2) this.history = this.history.slice(-this.historyKept);
    const record: HistoryRecord = ctx.verifiedKey === undefined
      ? { t: ctx.receivedAtMs, p: ctx.peerId, v: [...ctx.verified], f: text }
      : { t: ctx.receivedAtMs, p: ctx.peerId, v: [...ctx.verified], k: ctx.verifiedKey, f: text };
    this.journal.push(record);
    if (this.historyTotal % (this.historyKept * 2) === 0) this.journal.trimTo(this.historyKept).catch(this.onError);
  }

  /** Records a local outbound message (not part of history). */
  addOutbound(entry: JsonObject, frame: MessageFrame, atMs: number): void {
    this.push({ entry, atMs, inbound: false, frame });
  }

  private push(item: DequeEntry): void {
    this.deque.push(item);
    // Trimmed in chunks (back to the upstream bound) so a full deque costs no memmove per message.
    if (this.deque.length > MESSAGE_DEQUE_SIZE * 2) this.deque.splice(0, this.deque.length - MESSAGE_DEQUE_SIZE);
  }

  /** Destructive read from the front (`/recv`). */
  drain(limit: number): JsonObject[] {
    return this.deque.splice(0, Math.max(0, limit)).map((d) => d.entry);
  }

  /** The last `limit` inbound entries, oldest first, and how many were ever stored. */
  recentHistory(limit: number): { history: JsonObject[]; total: number } {
    return { history: limit <= 0 ? [] : this.history.slice(-limit), total: this.historyTotal };
  }
}

function contextOf(record: HistoryRecord): InboundContext {
  return record.k === undefined
    ? { receivedAtMs: record.t, peerId: record.p, verified: record.v }
    : { receivedAtMs: record.t, peerId: record.p, verified: record.v, verifiedKey: record.k };
}
