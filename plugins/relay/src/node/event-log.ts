import type { Store } from '@troupe/runtime';
import { stampEvent, type EventBody, type EventEnvelope } from '@troupe/protocol-relay';
import { BatchedJournal } from './batched-journal.js';
import type { GroupCommit } from './group-commit.js';
import { oldestToDrop } from './trim-oldest.js';

/** One logged event: the object and its JSON text, encoded once and shared by every consumer. */
export interface LoggedEvent {
  readonly event: EventEnvelope;
  readonly text: string;
}

/** Default bound of the replay window in JSON bytes (`eventLogBytes`). */
export const DEFAULT_EVENT_LOG_BYTES = 32 * 1024 * 1024;

const textLength = (l: LoggedEvent): number => l.text.length;

/** Receives each event as it is logged. */
export type EventListener = (logged: LoggedEvent) => void;

/**
 * The node's event stream (§4.7): one `seq` counter for every event type, a bounded in-memory
 * window for `?since=` replay, and a durable copy in a store journal so both the window and the
 * counter survive a restart. An event reaches subscribers (and the replay window) only once its
 * journal write is done (group commit, see {@link GroupCommit}), so everything a subscriber saw
 * is still there after a crash and its `seq` is never handed out again: the counter restarts from
 * the last durable event, and no event after that was ever shown.
 *
 * @example
 * const log = new EventLog(store, commit, 'relay/A/events', 2000, () => formatTimestamp(Date.now()));
 * await log.load();
 * log.subscribe(({ text }) => res.write(`data: ${text}\n\n`));
 * log.emit({ type: 'peer', event: 'connected', session_id: 's', peer_id: 'peer_001' });
 */
export class EventLog {
  private seq = 0;
  private window: LoggedEvent[] = [];
  /** JSON bytes of the events in `window`. */
  private windowBytes = 0;
  private readonly listeners = new Set<EventListener>();
  private onError: (error: unknown) => void = () => {};
  private readonly journal: BatchedJournal<string>;

  constructor(
    store: Store,
    private readonly commit: GroupCommit,
    journal: string,
    private readonly size: number,
    private readonly timestamp: () => string,
    /** Bound of the replay window (and of the journal) in JSON bytes, beside `size` events. */
    private readonly maxBytes: number = DEFAULT_EVENT_LOG_BYTES,
  ) {
    this.journal = new BatchedJournal(store, commit, journal, { records: size, bytes: maxBytes }, (e) => this.onError(e));
  }

  /** Last `seq` issued. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Restores the counter and the replay window from the store. */
  async load(): Promise<void> {
    const texts = await this.journal.readLast(this.size);
    this.window = texts.map((text) => ({ event: JSON.parse(text) as EventEnvelope, text }));
    this.windowBytes = texts.reduce((n, t) => n + t.length, 0);
    this.seq = this.window[this.window.length - 1]?.event.seq ?? 0;
    this.trimWindow();
  }

  /** Where journal write failures go (the plugin logs them). */
  reportErrorsTo(fn: (error: unknown) => void): void {
    this.onError = fn;
  }

  /** Stamps and persists one event; it is fanned out once its group is written. */
  emit(body: EventBody): LoggedEvent {
    this.seq += 1;
    const event = stampEvent(body, this.seq, this.timestamp());
    const logged: LoggedEvent = { event, text: JSON.stringify(event) };
    this.journal.push(logged.text, logged.text.length);
    this.commit.afterCommit(() => this.publish(logged));
    return logged;
  }

  /** Makes a durable event visible: replay window, then live subscribers. */
  private publish(logged: LoggedEvent): void {
    this.window.push(logged);
    this.windowBytes += logged.text.length;
    if (this.window.length > this.size * 2 || this.windowBytes > this.maxBytes) this.trimWindow();
    for (const listener of this.listeners) listener(logged);
  }

  /**
   * Back to `size` events and three quarters of `maxBytes` (the newest event always stays), in one
   * slice: trimming in steps keeps the cost per event constant.
   */
  private trimWindow(): void {
    const { drop, bytes } = oldestToDrop(this.window, this.windowBytes, textLength, this.size, (this.maxBytes * 3) / 4);
    if (drop > 0) this.window = this.window.slice(drop);
    this.windowBytes = bytes;
  }

  /**
   * Subscribes, then returns the replay of events after `since` (when given). Registering first and
   * replaying from the window synchronously leaves no gap and no duplicate at the boundary.
   */
  subscribe(listener: EventListener, since?: number): { replay: LoggedEvent[]; gapFrom: number | undefined; unsubscribe: () => void } {
    this.listeners.add(listener);
    const unsubscribe = (): void => {
      this.listeners.delete(listener);
    };
    if (since === undefined) return { replay: [], gapFrom: undefined, unsubscribe };
    const replay = this.window.filter((l) => l.event.seq > since);
    const first = this.window[0]?.event.seq;
    const gapFrom = first !== undefined && first > since + 1 ? first : undefined;
    return { replay, gapFrom, unsubscribe };
  }

  /** Number of live subscribers. */
  get listenerCount(): number {
    return this.listeners.size;
  }
}

/**
 * The SSE block of a logged event: task events get their `event:` line (§4.7).
 *
 * @example
 * sseBlock(logged); // 'event: acp.task.status\ndata: {"type":"status",…}\n\n'
 */
export function sseBlock(logged: LoggedEvent): string {
  const type = logged.event.type;
  if (type === 'status') return `event: acp.task.status\ndata: ${logged.text}\n\n`;
  if (type === 'artifact') return `event: acp.task.artifact\ndata: ${logged.text}\n\n`;
  return `data: ${logged.text}\n\n`;
}
