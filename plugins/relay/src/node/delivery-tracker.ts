import { ACK_EXTENSION_URI, dedupeKey, isJsonObject, type JsonObject } from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { OfflineQueue, QueuedFrame } from './offline-queue.js';

/** Frames sent to one peer and not yet acknowledged, above which sends to it are refused. */
const MAX_UNACKED_PER_PEER = 4_096;

/**
 * The sending half of Troupe's acknowledgement extension (`urn:troupe:acp:ack:v1`). Every
 * business frame written to a peer is kept until that peer acknowledges its `message_id`; if the
 * connection ends first, the frames go (back) into the durable offline queue and are resent on
 * the next connection, where the receiver's dedupe makes the resend harmless. Queued frames leave
 * the store only when acknowledged.
 *
 * Whether a peer acknowledges is learnt from its card on each connection. Until then frames are
 * kept as if it did; a peer whose card lacks the extension (an upstream `acp_relay.py`), or that
 * sends anything before a card, gets the upstream behaviour: a frame written to its socket counts
 * as delivered.
 *
 * @example
 * tracker.sent(peer, frame, undefined);   // after a successful socket write
 * tracker.cardSeen(peer, card);            // on the peer's acp.agent_card
 * tracker.acked(peer, ['msg-1']);          // on its troupe.ack
 * tracker.disconnected(peer);              // unacknowledged frames back to the queue
 */
export class DeliveryTracker {
  constructor(
    private readonly queue: OfflineQueue,
    private readonly now: () => string,
    private readonly onError: (error: unknown) => void,
    /** The store outlives the process: answered sends are kept in it until acknowledged. */
    readonly durable = false,
  ) {}

  /**
   * Issue 9.2, the sender's side: a send answered 200 must survive a kill -9 of this node before
   * the peer's acknowledgement comes back. Writes the frame (just written to the peer) to the
   * offline queue's store, not its in-memory list; resolves once it is there, and the 200 waits for
   * that. A restart finds it queued and resends it; the receiver's dedupe absorbs the copy.
   * Nothing to do for a volatile store, or a peer that does not acknowledge.
   *
   * An ack, or the end of the connection, may come before the write is done: then the frame no
   * longer waits here (acknowledged, or requeued by {@link disconnected}), and the kept copy is
   * deleted at once.
   */
  async keep(peer: PeerEntry, frame: JsonObject): Promise<void> {
    if (!this.durable || peer.ackMode === 'none') return;
    const key = dedupeKey(frame);
    if (key === undefined) return;
    const item = peer.inflight.get(key);
    if (item === undefined || item.queued !== undefined) return;
    const kept = await this.queue.keep(peer.link !== null ? peer.id : 'default', frame, this.now());
    if (peer.inflight.get(key) === item && item.queued === undefined) item.queued = kept;
    else this.confirm(kept);
  }

  /** True when the peer has too many frames in flight to take another. */
  full(peer: PeerEntry): boolean {
    return peer.inflight.size >= MAX_UNACKED_PER_PEER;
  }

  /** A frame was written to the peer's socket. */
  sent(peer: PeerEntry, frame: JsonObject, queued: QueuedFrame | undefined): void {
    const key = peer.ackMode === 'none' ? undefined : dedupeKey(frame);
    if (key === undefined) {
      if (queued !== undefined) this.confirm(queued);
      return;
    }
    const earlier = peer.inflight.get(key);
    if (earlier?.queued !== undefined && earlier.queued !== queued) this.confirm(earlier.queued);
    peer.inflight.set(key, { frame, queued });
  }

  /** The peer's card on this connection: it acknowledges or it does not. */
  cardSeen(peer: PeerEntry, card: JsonObject): void {
    const extensions = Array.isArray(card['extensions']) ? card['extensions'] : [];
    const acks = extensions.some((e) => isJsonObject(e) && e['uri'] === ACK_EXTENSION_URI);
    if (acks) peer.ackMode = 'acks';
    else this.noAcks(peer);
  }

  /** A frame other than a card came first: an upstream-style peer, no acknowledgements. */
  frameBeforeCard(peer: PeerEntry): void {
    if (peer.ackMode === 'unknown') this.noAcks(peer);
  }

  /** The peer made these frames durable (or had them already). */
  acked(peer: PeerEntry, ids: readonly string[]): void {
    for (const id of ids) {
      const item = peer.inflight.get(id);
      if (item === undefined) continue;
      peer.inflight.delete(id);
      if (item.queued !== undefined) this.confirm(item.queued);
    }
  }

  /**
   * The connection ended: unacknowledged frames go back to the offline queue, the queued ones
   * where they were, the others (already answered 200) written to it now, past its bound. A
   * host-side peer never comes back under its id (§1.3), so its frames wait in `default`.
   */
  disconnected(peer: PeerEntry): void {
    const items = [...peer.inflight.values()];
    peer.inflight.clear();
    peer.ackMode = 'unknown';
    this.queue.restore(items.flatMap((i) => (i.queued === undefined ? [] : [i.queued])));
    const dest = peer.link !== null ? peer.id : 'default';
    for (const item of items) {
      if (item.queued === undefined) this.queue.enqueue(dest, item.frame, this.now(), true).catch(this.onError);
    }
  }

  private noAcks(peer: PeerEntry): void {
    peer.ackMode = 'none';
    for (const item of peer.inflight.values()) if (item.queued !== undefined) this.confirm(item.queued);
    peer.inflight.clear();
  }

  private confirm(item: QueuedFrame): void {
    this.queue.confirm(item).catch(this.onError);
  }
}
