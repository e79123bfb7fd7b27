import type { Clock } from '@troupe/runtime';
import { buildAckFrame, MAX_ACKED_IDS, type JsonObject } from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { GroupCommit } from './group-commit.js';

/**
 * How long durable acknowledgements wait for company. An ack costs the sender a wake-up and a
 * socket read; delaying it costs only the sender's memory of the frames in flight, so under a
 * steady stream one ack frame covers many messages instead of one each.
 */
const ACK_DELAY_MS = 10;

/** Acknowledgements owed to one peer that are sent at once, without waiting for the delay. */
const ACK_BATCH = 1_024;

/**
 * The receiving half of Troupe's acknowledgement extension: ids of frames received from a peer
 * that acknowledges are collected and sent back, one `troupe.ack` frame per peer and group, once
 * the group commit that holds their effects is written. A duplicate is acknowledged too (after
 * the same wait, since its first copy may still be in the group being written). A failed write
 * acknowledges nothing: the sender keeps the frames and resends them.
 *
 * @example
 * acks.ack(peer, 'msg-1'); // a troupe.ack with 'msg-1' follows once it is durable
 */
export class AckBatcher {
  private ready = new Map<PeerEntry, string[]>();
  private timer: unknown;

  constructor(
    private readonly commit: GroupCommit,
    private readonly clock: Clock,
    private readonly from: () => string,
    private readonly send: (peer: PeerEntry, frame: JsonObject) => void,
  ) {}

  /** Acknowledges `id` to `peer` once everything received so far is durable. */
  ack(peer: PeerEntry, id: string): void {
    if (peer.ackMode !== 'acks') return;
    this.commit.afterCommit((durable) => {
      if (durable) this.release(peer, id);
    });
  }

  private release(peer: PeerEntry, id: string): void {
    let ids = this.ready.get(peer);
    if (ids === undefined) {
      ids = [];
      if (this.ready.size === 0) this.timer = this.clock.setTimeout(() => this.sendReady(), ACK_DELAY_MS);
      this.ready.set(peer, ids);
    }
    ids.push(id);
    // A long burst is acknowledged as it goes, after the current group's callbacks have all run.
    if (ids.length === ACK_BATCH) queueMicrotask(() => this.sendReady());
  }

  /** Sends every acknowledgement that is ready now (also on stop). */
  sendReady(): void {
    if (this.ready.size === 0) return;
    this.clock.clearTimeout(this.timer);
    const batch = this.ready;
    this.ready = new Map();
    for (const [peer, ids] of batch) {
      if (peer.socket === null) continue; // gone: it resends, and the dedupe acknowledges then
      for (let i = 0; i < ids.length; i += MAX_ACKED_IDS) {
        this.send(peer, buildAckFrame({ from: this.from(), acked: ids.slice(i, i + MAX_ACKED_IDS) }) as unknown as JsonObject);
      }
    }
  }
}
