import { firstProblem } from '../core/field-checks.js';
import { compact, isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { Part, WirePart } from '../core/part.js';
import type { Role } from '../core/role.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `acp.message` (§2.4.2). As received, `type` may be absent: any frame with a non-empty `parts`
 * array that is not a card, reply or task update is routed as a message (§2.6).
 */
export interface MessageFrame extends FrameCommon {
  type?: 'acp.message';
  /** Sender's counter; receivers must not validate it, so it is typed loosely. */
  server_seq?: JsonValue;
  role?: string;
  parts: WirePart[];
  task_id?: string | null;
  context_id?: string | null;
  /** Present when the sender waits for an `acp.reply` with the same value. */
  correlation_id?: string | null;
  /** Upstream's sender-local peer id; meaningless to the receiver. */
  to_peer?: JsonValue;
  /** `true` when delivered from an offline queue (§6.6). */
  _was_queued?: boolean;
}

/** What {@link buildMessageFrame} needs. */
export interface MessageFrameInit extends FrameStamp {
  readonly from: string;
  readonly role: Role;
  readonly parts: readonly (Part | WirePart)[];
  readonly server_seq?: number | undefined;
  readonly task_id?: string | undefined;
  readonly context_id?: string | undefined;
  /** Set it to the frame's own `message_id` for a synchronous send (§2.11). */
  readonly correlation_id?: string | undefined;
}

/**
 * Builds an `acp.message` frame in upstream's member order. Absent optional members are omitted,
 * never written as `null` (§2.3).
 *
 * @example
 * buildMessageFrame({ from: 'AgentB', role: 'user', parts: [textPart('hello A')], server_seq: 1, context_id: 'ctx-1' });
 */
export function buildMessageFrame(init: MessageFrameInit): MessageFrame {
  if (init.parts.length === 0) throw new RangeError('an acp.message needs at least one part');
  const { message_id, ts } = resolveStamp(init);
  return compact({
    type: 'acp.message',
    message_id,
    server_seq: init.server_seq,
    ts,
    from: init.from,
    role: init.role,
    parts: init.parts.map((p) => ({ ...p }) as WirePart),
    task_id: init.task_id,
    context_id: init.context_id,
    correlation_id: init.correlation_id,
  }) as MessageFrame;
}

/** Checks the members of a routed message; returns the first problem, or `undefined`. */
export function checkMessageFrame(frame: JsonObject): string | undefined {
  const parts = frame['parts'];
  if (!Array.isArray(parts) || parts.length === 0) return "field 'parts' must be a non-empty array";
  const bad = parts.findIndex((p) => !isJsonObject(p));
  if (bad !== -1) return `parts[${bad}] must be an object`;
  return firstProblem(frame, [
    ['role', 'string'],
    ['task_id', 'string'],
    ['context_id', 'string'],
    ['correlation_id', 'string'],
    ['_was_queued', 'boolean'],
  ]);
}
