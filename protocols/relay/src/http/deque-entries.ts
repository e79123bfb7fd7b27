import { compact, getOwn, type JsonObject } from '../core/json.js';
import { formatTimestamp, unixSeconds } from '../core/timestamp.js';
import type { LegacyFrame } from '../frames/legacy-frame.js';
import type { MessageFrame } from '../frames/message-frame.js';
import type { VerificationName } from '../signing/verify-inbound-frame.js';

/**
 * Entry shapes of `/recv`, `/messages` and `/history` (§3.4.4). Clients parse these, so key names
 * and value types are upstream's: `received_at` is a unix float on inbound entries and an ISO
 * string on local outbound records. Keep a numeric receive time beside each entry for sorting (§7.1).
 */

/** What the receiver knows about a delivered frame. */
export interface InboundContext {
  readonly receivedAtMs: number;
  /** The delivering peer. */
  readonly peerId: string;
  /** Checks that passed (`[]` for an unsigned frame). */
  readonly verified: readonly VerificationName[];
  readonly verifiedKey?: string;
}

/**
 * The entry for an inbound message; `raw` is the frame as received minus stripped flags.
 *
 * @example
 * inboundMessageEntry(frame, { receivedAtMs, peerId: 'peer_001', verified: [] });
 */
export function inboundMessageEntry(frame: MessageFrame, context: InboundContext): JsonObject {
  const id = getOwn(frame, 'message_id') ?? getOwn(frame, 'id') ?? null;
  return compact({
    id,
    message_id: id,
    received_at: unixSeconds(context.receivedAtMs),
    role: frame.role ?? null,
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    context_id: frame.context_id ?? null,
    raw: frame,
    peer_id: context.peerId,
    verified: [...context.verified],
    verified_key: context.verifiedKey,
  });
}

/**
 * The entry for a legacy frame (§2.4.7): the whole frame under `content`.
 *
 * @example
 * legacyEntry({ type: 'weird.type', message_id: 'w1' }, context); // { id: 'w1', message_id: 'w1', received_at: …, content: {…}, … }
 */
export function legacyEntry(frame: LegacyFrame, context: InboundContext): JsonObject {
  const id = getOwn(frame, 'message_id') ?? getOwn(frame, 'id') ?? null;
  return compact({
    id,
    message_id: id,
    received_at: unixSeconds(context.receivedAtMs),
    content: frame,
    peer_id: context.peerId,
    verified: [...context.verified],
    verified_key: context.verifiedKey,
  });
}

/**
 * The local record of a sent message, with Troupe's `to_peer_id`.
 *
 * @example
 * outboundRecord(frame, { sentAtMs, toPeerId: 'peer_001' }); // { peer_id: 'local', direction: 'outbound', received_at: '2026-…Z', raw: {…}, to_peer_id: 'peer_001' }
 */
export function outboundRecord(frame: MessageFrame, context: { readonly sentAtMs: number; readonly toPeerId?: string }): JsonObject {
  return compact({
    peer_id: 'local',
    direction: 'outbound',
    received_at: formatTimestamp(context.sentAtMs),
    raw: compact({
      message_id: frame.message_id ?? null,
      server_seq: frame.server_seq ?? null,
      ts: frame.ts ?? null,
      from: frame.from ?? null,
      role: frame.role ?? null,
      parts: frame.parts,
      task_id: frame.task_id ?? null,
      context_id: frame.context_id ?? null,
    }),
    to_peer_id: context.toPeerId,
  });
}
