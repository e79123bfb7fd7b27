import { firstProblem } from '../core/field-checks.js';
import { getOwn, type JsonObject } from '../core/json.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * Troupe's acknowledgement extension, advertised in the card's `extensions` (§5.1). Only between
 * two nodes that both advertise it: an upstream receiver would file an ack frame as a legacy
 * message, so a node sends acks only to a peer whose card on that connection lists this URI.
 */
export const ACK_EXTENSION_URI = 'urn:troupe:acp:ack:v1';

/** `type` of an acknowledgement frame. */
export const ACK_FRAME_TYPE = 'troupe.ack';

/** Most ids one ack frame may carry; a receiver refuses a longer list. */
export const MAX_ACKED_IDS = 10_000;

/**
 * `troupe.ack`: the receiver has made the frames with these `message_id`s durable (or had already
 * seen them), so the sender may forget them. Acks are never acknowledged and never deduped.
 */
export interface AckFrame extends FrameCommon {
  type: typeof ACK_FRAME_TYPE;
  acked: string[];
}

/** What {@link buildAckFrame} needs. */
export interface AckFrameInit extends FrameStamp {
  readonly from: string;
  readonly acked: readonly string[];
}

/**
 * Builds an ack frame for a batch of received frames.
 *
 * @example
 * buildAckFrame({ from: 'AgentB', acked: ['msg-1', 'msg-2'] });
 * // { type: 'troupe.ack', message_id: 'msg_…', ts: '…', from: 'AgentB', acked: ['msg-1', 'msg-2'] }
 */
export function buildAckFrame(init: AckFrameInit): AckFrame {
  const { message_id, ts } = resolveStamp(init);
  return { type: ACK_FRAME_TYPE, message_id, ts, from: init.from, acked: [...init.acked] };
}

/** Checks the members of an ack frame; returns the first problem, or `undefined`. */
export function checkAckFrame(frame: JsonObject): string | undefined {
  const problem = firstProblem(frame, [['acked', 'array', true]]);
  if (problem !== undefined) return problem;
  const acked = getOwn(frame, 'acked') as unknown[];
  if (acked.length > MAX_ACKED_IDS) return `field 'acked' has ${acked.length} ids, over the ${MAX_ACKED_IDS} limit`;
  if (!acked.every((id) => typeof id === 'string')) return "field 'acked' must be an array of strings";
  return undefined;
}
