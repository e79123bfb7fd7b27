import { MAX_JSON_DEPTH, jsonNestingExceeds, parseBoundedJson } from '../core/bounded-json.js';
import { firstProblem } from '../core/field-checks.js';
import { getOwn, isJsonObject, jsonTypeName, oneLine, type JsonObject } from '../core/json.js';
import { MAX_MSG_BYTES, exceedsMaxMsgBytes, utf8ByteLength } from '../core/limits.js';
import { err, ok, type Result } from '../core/result.js';
import { ACK_FRAME_TYPE, checkAckFrame, type AckFrame } from './ack-frame.js';
import { checkAgentCardFrame, type AgentCardFrame } from './agent-card-frame.js';
import { checkErrorFrame, type ErrorFrame } from './error-frame.js';
import { stripVerificationFlags } from './frame-common.js';
import type { LegacyFrame } from './legacy-frame.js';
import { checkMessageFrame, type MessageFrame } from './message-frame.js';
import { checkReplyFrame, type ReplyFrame } from './reply-frame.js';
import { checkTaskDelegateFrame, type TaskDelegateFrame } from './task-delegate-frame.js';
import { checkTaskUpdatedFrame, type TaskUpdatedFrame } from './task-updated-frame.js';

/**
 * A decoded peer frame, tagged by how §2.6 routes it. Tagging is needed because a message may
 * arrive without `type`. Every frame is the received object minus the verification-flag keys of
 * §2.3, with all other members (known or not) kept.
 */
export type PeerFrame =
  | { readonly kind: 'agent_card'; readonly frame: AgentCardFrame }
  | { readonly kind: 'reply'; readonly frame: ReplyFrame }
  | { readonly kind: 'task_updated'; readonly frame: TaskUpdatedFrame }
  /** Record it as a legacy entry as upstream does, and also create the task (§2.4.5). */
  | { readonly kind: 'task_delegate'; readonly frame: TaskDelegateFrame }
  | { readonly kind: 'error'; readonly frame: ErrorFrame }
  /** Troupe's acknowledgement extension (`urn:troupe:acp:ack:v1`). */
  | { readonly kind: 'ack'; readonly frame: AckFrame }
  | { readonly kind: 'message'; readonly frame: MessageFrame }
  | { readonly kind: 'legacy'; readonly frame: LegacyFrame };

/** Every `kind` of {@link PeerFrame}. */
export type PeerFrameKind = PeerFrame['kind'];

/** Why a frame was refused. `object` is set when the text was a JSON object (for logging). */
export interface FrameDecodeError {
  readonly message: string;
  readonly object?: JsonObject;
}

/** Options of {@link decodeFrame}. */
export interface DecodeFrameOptions {
  /** Size limit in UTF-8 bytes (default {@link MAX_MSG_BYTES}). */
  readonly maxBytes?: number;
}

/** Members any frame may carry, with the JSON type they must have when present. */
const COMMON_FIELDS = [
  ['type', 'string'],
  ['message_id', 'string'],
  ['id', 'string'],
  ['ts', 'string'],
  ['from', 'string'],
  ['sig', 'string'],
  ['sig_body', 'string'],
  ['identity', 'object'],
] as const;

/**
 * Decodes the text of one WebSocket text frame, following §2.6: size, nesting depth (at most
 * `MAX_JSON_DEPTH`, so a stored frame can always be served again), JSON, object, flag
 * stripping, then routing by `type` and content. Never throws.
 *
 * What is checked: the frame must be a JSON object within the size limit; known members that are
 * present must have their JSON type (`null` counts as absent); the members a receiver needs to act
 * must be there (`card`, `correlation_id`, `task_id`, `payload`, `code`, a non-empty `parts`
 * array for a message); a task update's `status` must be a task state. What is not checked:
 * sender-side duties that upstream receivers do not enforce either (a message's `from`, `role`
 * value, `server_seq`, part contents), so frames upstream delivers are delivered here too.
 *
 * @example
 * const r = decodeFrame('{"type":"acp.message","message_id":"m1","parts":[{"type":"text","content":"hi"}]}');
 * if (r.ok && r.value.kind === 'message') r.value.frame.parts; // [{ type: 'text', content: 'hi' }]
 * decodeFrame('[1,2]'); // { ok: false, error: { message: 'frame is a JSON array, not an object' } }
 */
export function decodeFrame(text: unknown, options: DecodeFrameOptions = {}): Result<PeerFrame, FrameDecodeError> {
  if (typeof text !== 'string') return err({ message: `frame must be text, got ${text instanceof Uint8Array ? 'binary data' : typeof text}` });
  const limit = options.maxBytes ?? MAX_MSG_BYTES;
  if (exceedsMaxMsgBytes(text, limit)) return err({ message: `frame is ${utf8ByteLength(text)} bytes, over the ${limit}-byte limit` });
  if (jsonNestingExceeds(text)) return err({ message: `frame is JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
  const parsed = parseBoundedJson(text, { maxDepth: Infinity });
  if (!parsed.ok) return err({ message: `frame is not valid JSON (${parsed.error})` });
  return decodeFrameObject(parsed.value);
}

/**
 * {@link decodeFrame} for a value that is already parsed. Never throws.
 *
 * @example
 * decodeFrameObject({ type: 'task.updated', task_id: 't1', status: 'completed' }).ok; // true
 */
export function decodeFrameObject(value: unknown): Result<PeerFrame, FrameDecodeError> {
  if (!isJsonObject(value)) return err({ message: `frame is a JSON ${jsonTypeName(value)}, not an object` });
  const frame = stripVerificationFlags(value);
  const common = firstProblem(frame, COMMON_FIELDS);
  if (common !== undefined) return err({ message: oneLine(`frame: ${common}`), object: frame });
  const routed = route(frame);
  if (routed.problem !== undefined) return err({ message: oneLine(`${routed.label.slice(0, 60)} frame: ${routed.problem}`), object: frame });
  return ok(routed.decoded);
}

type Routed = { decoded: PeerFrame; label: string; problem: string | undefined };

function route(frame: JsonObject): Routed {
  const type = getOwn(frame, 'type');
  switch (type) {
    case 'acp.agent_card':
      return { decoded: { kind: 'agent_card', frame: frame as AgentCardFrame }, label: type, problem: checkAgentCardFrame(frame) };
    case 'acp.reply':
      return { decoded: { kind: 'reply', frame: frame as ReplyFrame }, label: type, problem: checkReplyFrame(frame) };
    case 'task.updated':
      return { decoded: { kind: 'task_updated', frame: frame as TaskUpdatedFrame }, label: type, problem: checkTaskUpdatedFrame(frame) };
    case 'task.delegate':
      return { decoded: { kind: 'task_delegate', frame: frame as TaskDelegateFrame }, label: type, problem: checkTaskDelegateFrame(frame) };
    case 'error':
      return { decoded: { kind: 'error', frame: frame as ErrorFrame }, label: type, problem: checkErrorFrame(frame) };
    case ACK_FRAME_TYPE:
      return { decoded: { kind: 'ack', frame: frame as AckFrame }, label: type, problem: checkAckFrame(frame) };
  }
  // Everything else is a message when it has a non-empty parts array, else legacy (§2.6).
  const parts = getOwn(frame, 'parts');
  const label = typeof type === 'string' ? type : 'untyped';
  if (Array.isArray(parts) && parts.length > 0) {
    return { decoded: { kind: 'message', frame: frame as MessageFrame }, label, problem: checkMessageFrame(frame) };
  }
  if (parts !== undefined && parts !== null && !Array.isArray(parts)) {
    return { decoded: { kind: 'legacy', frame }, label, problem: `field 'parts' must be an array, got ${jsonTypeName(parts)}` };
  }
  return { decoded: { kind: 'legacy', frame }, label, problem: undefined };
}
