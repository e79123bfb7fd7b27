import { compact, getOwn, setOwn, type JsonObject, type JsonValue } from '../core/json.js';
import { textPart, type WirePart } from '../core/part.js';
import type { LegacyFrame } from '../frames/legacy-frame.js';
import { legacyFrameText } from '../frames/legacy-frame.js';
import type { MessageFrame } from '../frames/message-frame.js';
import type { Task } from '../task/task.js';
import type { TaskState } from '../task/task-state.js';

/**
 * Event objects of `GET /stream`, `/tasks/{id}:subscribe`, `/ws/stream` and webhooks (§4.7).
 * Builders return the body without `ts`/`seq`; {@link stampEvent} adds the envelope when the node
 * assigns the next sequence number.
 */

/** Members every stream event starts with. */
export interface EventEnvelope {
  type: string;
  ts: string;
  /** One counter per node, from 1, over all event types. */
  seq: number;
  [extra: string]: JsonValue;
}

/** A `message` event (inbound or outbound). */
export interface MessageEvent extends EventEnvelope {
  type: 'message';
  message_id: string;
  role: string;
  parts: WirePart[];
}

/** A `status` event: `error` is absent on creation events, present (often `null`) afterwards. */
export interface StatusEvent extends EventEnvelope {
  type: 'status';
  task_id: string;
  state: TaskState;
}

/** An `artifact` event. */
export interface ArtifactEvent extends EventEnvelope {
  type: 'artifact';
  task_id: string;
  artifact: JsonObject;
}

/** A `peer` event: `connected`, `disconnected` or `relay_fallback`. */
export interface PeerEvent extends EventEnvelope {
  type: 'peer';
  event: string;
}

/** Any stream event; consumers ignore unknown types and members. */
export type StreamEvent = MessageEvent | StatusEvent | ArtifactEvent | PeerEvent | EventEnvelope;

/** An event body before {@link stampEvent}. */
export type EventBody = { type: string; [extra: string]: JsonValue };

/**
 * Adds `ts` and `seq` right after `type`, the member order upstream writes.
 *
 * @example
 * stampEvent(peerConnectedEvent('sess_9cd4944b3b2b', 'peer_001'), 1, ts);
 * // { type: 'peer', ts, seq: 1, event: 'connected', session_id: 'sess_9cd4944b3b2b', peer_id: 'peer_001' }
 */
export function stampEvent<B extends EventBody>(body: B, seq: number, ts: string): B & EventEnvelope {
  // Copied member by member (every event goes through here): rest/spread copies are slower.
  const event: JsonObject = { type: body.type, ts, seq };
  const keys = Object.keys(body);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== 'type') setOwn(event, key, body[key] as JsonValue);
  }
  return event as unknown as B & EventEnvelope;
}

/**
 * Inbound `message` event for a delivered frame, with Troupe's additions (§7.6).
 *
 * @example
 * inboundMessageEvent(frame, 'peer_001'); // { type: 'message', message_id, role, parts, task_id, from, context_id, peer_id, direction: 'inbound' }
 */
export function inboundMessageEvent(frame: MessageFrame, peerId: string): EventBody {
  return compact({
    type: 'message',
    message_id: frame.message_id ?? frame.id ?? null,
    role: frame.role ?? 'user',
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    from: frame.from ?? null,
    context_id: frame.context_id ?? null,
    peer_id: peerId,
    direction: 'inbound',
    correlation_id: frame.correlation_id ?? undefined,
  }) as EventBody;
}

/**
 * Outbound `message` event for a frame this node sent (`queued` when flushed from the offline queue).
 *
 * @example
 * outboundMessageEvent(frame, { peerId: 'peer_001' });
 */
export function outboundMessageEvent(frame: MessageFrame, options: { peerId?: string; queued?: boolean } = {}): EventBody {
  return compact({
    type: 'message',
    message_id: frame.message_id ?? null,
    role: frame.role ?? 'user',
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    context_id: frame.context_id ?? null,
    direction: 'outbound',
    peer_id: options.peerId,
    queued: options.queued === true ? true : undefined,
  }) as EventBody;
}

/**
 * The `message` event for a legacy frame: role `agent`, one text part holding the frame's JSON
 * text, no `task_id` member (as upstream, §4.7).
 *
 * @example
 * legacyMessageEvent({ type: 'weird.type', message_id: 'w1' }, 'peer_001').parts; // [{ type: 'text', content: '{"type":"weird.type","message_id":"w1"}' }]
 */
export function legacyMessageEvent(frame: LegacyFrame, peerId: string): EventBody {
  const id = getOwn(frame, 'message_id') ?? getOwn(frame, 'id') ?? null;
  return compact({
    type: 'message',
    message_id: id,
    role: 'agent',
    parts: [textPart(legacyFrameText(frame))],
    from: frame.from ?? null,
    peer_id: peerId,
    direction: 'inbound',
  }) as EventBody;
}

/**
 * A `status` event for a task's current state. Pass `creation: true` for the first event of a
 * task (no `error` member), as upstream writes it.
 *
 * @example
 * statusEvent(task, { creation: true }); // { type: 'status', task_id, state: 'submitted' }
 */
export function statusEvent(task: Pick<Task, 'id' | 'status'> & { error?: string; context_id?: string }, options: { creation?: boolean } = {}): EventBody {
  return compact({
    type: 'status',
    task_id: task.id,
    state: task.status,
    error: options.creation === true ? undefined : (task.error ?? null),
    context_id: task.context_id,
  }) as EventBody;
}

/**
 * An `artifact` event.
 *
 * @example
 * artifactEvent(task, { parts: [textPart('summary done')] });
 */
export function artifactEvent(task: Pick<Task, 'id'> & { context_id?: string }, artifact: JsonObject): EventBody {
  return compact({ type: 'artifact', task_id: task.id, artifact, context_id: task.context_id }) as EventBody;
}

/**
 * `peer`/`connected`, with Troupe's `peer_id`.
 *
 * @example
 * stampEvent(peerConnectedEvent('sess_9cd4944b3b2b', 'peer_001'), seq.next(), ts);
 */
export function peerConnectedEvent(sessionId: string, peerId: string): EventBody {
  return { type: 'peer', event: 'connected', session_id: sessionId, peer_id: peerId };
}

/**
 * `peer`/`disconnected`; Troupe always names the peer.
 *
 * @example
 * peerDisconnectedEvent('peer_001'); // { type: 'peer', event: 'disconnected', peer_id: 'peer_001' }
 */
export function peerDisconnectedEvent(peerId: string): EventBody {
  return { type: 'peer', event: 'disconnected', peer_id: peerId };
}

/**
 * `peer`/`relay_fallback` with Troupe's reason `direct_failed` (§6.4).
 *
 * @example
 * relayFallbackEvent('peer_001'); // { type: 'peer', event: 'relay_fallback', reason: 'direct_failed', peer_id: 'peer_001' }
 */
export function relayFallbackEvent(peerId: string): EventBody {
  return { type: 'peer', event: 'relay_fallback', reason: 'direct_failed', peer_id: peerId };
}

/**
 * Troupe's `rejected` event: a peer frame was dropped (it did not decode, or its signature or
 * timestamp did not verify, or it was unsigned in strict mode). Upstream consumers ignore the
 * unknown type; `message_id` is the frame's when it had one.
 *
 * @example
 * frameRejectedEvent('peer_001', "frame has a 'sig' that does not match", 'm1');
 * // { type: 'rejected', peer_id: 'peer_001', reason: "frame has a 'sig' …", message_id: 'm1' }
 */
export function frameRejectedEvent(peerId: string, reason: string, messageId?: string): EventBody {
  return compact({ type: 'rejected', peer_id: peerId, reason, message_id: messageId }) as EventBody;
}
