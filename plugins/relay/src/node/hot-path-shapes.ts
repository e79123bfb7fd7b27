import { formatTimestamp, unixSeconds, type EventBody, type InboundContext, type JsonObject, type JsonValue, type MessageFrame, type WirePart } from '@troupe/protocol-relay';

// Per-message objects of the send and receive paths, built as plain object literals. They have
// exactly the members, order and values of @troupe/protocol-relay's builders (buildMessageFrame,
// outboundMessageEvent, outboundRecord, inboundMessageEntry, inboundMessageEvent; checked by
// test/hot-path-shapes.test.ts), but those build every object through Object.defineProperty,
// which leaves V8 objects in dictionary mode: several times slower to create and to
// JSON.stringify, and this path runs for every message.

/** What a message frame is built from. */
export interface MessageFrameFields {
  readonly message_id: string;
  readonly server_seq: number;
  readonly ts: string;
  readonly from: string;
  readonly role: string;
  readonly parts: readonly WirePart[];
  readonly task_id?: string | undefined;
  readonly context_id?: string | undefined;
  readonly correlation_id?: string | undefined;
}

/**
 * An `acp.message` frame (§2.4.2) in upstream's member order, absent optional members omitted.
 *
 * @example
 * messageFrameLiteral({ message_id: 'm1', server_seq: 1, ts, from: 'A', role: 'user', parts });
 */
export function messageFrameLiteral(f: MessageFrameFields): MessageFrame {
  const frame: MessageFrame = { type: 'acp.message', message_id: f.message_id, server_seq: f.server_seq, ts: f.ts, from: f.from, role: f.role, parts: f.parts.map((p) => ({ ...p })) };
  if (f.task_id !== undefined) frame.task_id = f.task_id;
  if (f.context_id !== undefined) frame.context_id = f.context_id;
  if (f.correlation_id !== undefined) frame.correlation_id = f.correlation_id;
  return frame;
}

/**
 * The outbound SSE `message` event body (§4.7).
 *
 * @example
 * events.emit(outboundEventBody(frame, 'peer_001', false));
 */
export function outboundEventBody(frame: MessageFrame, peerId: string, queued: boolean): EventBody {
  const body: EventBody = {
    type: 'message',
    message_id: frame.message_id ?? null,
    role: frame.role ?? 'user',
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    context_id: frame.context_id ?? null,
    direction: 'outbound',
    peer_id: peerId,
  };
  if (queued) body['queued'] = true;
  return body;
}

/**
 * The local outbound deque record (§3.4.4).
 *
 * @example
 * inbox.addOutbound(outboundDequeRecord(frame, Date.now(), 'peer_001'), frame, Date.now());
 */
export function outboundDequeRecord(frame: MessageFrame, sentAtMs: number, toPeerId: string): JsonObject {
  return {
    peer_id: 'local',
    direction: 'outbound',
    received_at: formatTimestamp(sentAtMs),
    raw: {
      message_id: frame.message_id ?? null,
      server_seq: frame.server_seq ?? null,
      ts: frame.ts ?? null,
      from: frame.from ?? null,
      role: frame.role ?? null,
      parts: frame.parts,
      task_id: frame.task_id ?? null,
      context_id: frame.context_id ?? null,
    },
    to_peer_id: toPeerId,
  };
}

/**
 * The inbound SSE `message` event body, with Troupe's additions (§7.6).
 *
 * @example
 * events.emit(inboundEventBody(frame, 'peer_001'));
 */
export function inboundEventBody(frame: MessageFrame, peerId: string): EventBody {
  const body: EventBody = {
    type: 'message',
    message_id: frame.message_id ?? frame.id ?? null,
    role: frame.role ?? 'user',
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    from: frame.from ?? null,
    context_id: frame.context_id ?? null,
    peer_id: peerId,
    direction: 'inbound',
  };
  if (typeof frame.correlation_id === 'string') body['correlation_id'] = frame.correlation_id;
  return body;
}

/**
 * The inbound deque entry (§3.4.4).
 *
 * @example
 * inboundDequeEntry(frame, { receivedAtMs: Date.now(), peerId: 'peer_001', verified: ['hmac'] });
 */
export function inboundDequeEntry(frame: MessageFrame, ctx: InboundContext): JsonObject {
  const id: JsonValue = frame.message_id ?? frame.id ?? null;
  const entry: JsonObject = {
    id,
    message_id: id,
    received_at: unixSeconds(ctx.receivedAtMs),
    role: frame.role ?? null,
    parts: frame.parts,
    task_id: frame.task_id ?? null,
    context_id: frame.context_id ?? null,
    raw: frame,
    peer_id: ctx.peerId,
    verified: [...ctx.verified],
  };
  if (ctx.verifiedKey !== undefined) entry['verified_key'] = ctx.verifiedKey;
  return entry;
}
