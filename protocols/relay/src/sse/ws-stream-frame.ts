import { getOwn, type JsonObject } from '../core/json.js';
import type { EventEnvelope } from './stream-events.js';

/**
 * Frames of `GET /ws/stream` (§4.9): `{"event": <name>, "data": <object>}`, identical for live and
 * replayed events (§7.10).
 */

/** One `/ws/stream` text frame. */
export interface WsStreamFrame {
  event: string;
  data: JsonObject;
  [extra: string]: JsonObject | string;
}

const NAMES: Readonly<Record<string, string>> = {
  message: 'acp.message',
  peer: 'acp.peer',
  status: 'acp.task.status',
  artifact: 'acp.task.artifact',
};

/**
 * Maps a stream event to its `/ws/stream` frame. Message data is reshaped: `from` is the sender's
 * agent name (`ownName` for outbound events), `timestamp` the event `ts`, and `server_seq` the
 * event `seq` (upstream's naming); other events travel unchanged.
 *
 * @example
 * toWsStreamFrame(event, 'AgentA'); // { event: 'acp.message', data: { message_id, from: 'AgentB', role: 'user', … } }
 */
export function toWsStreamFrame(event: EventEnvelope, ownName: string): WsStreamFrame {
  const name = NAMES[event.type] ?? `acp.${event.type}`;
  if (event.type !== 'message') return { event: name, data: { ...event } };
  const direction = getOwn(event, 'direction') ?? null;
  const from = direction === 'outbound' ? ownName : (getOwn(event, 'from') ?? null);
  return {
    event: name,
    data: {
      message_id: getOwn(event, 'message_id') ?? null,
      from,
      role: getOwn(event, 'role') ?? null,
      parts: getOwn(event, 'parts') ?? [],
      timestamp: event.ts,
      server_seq: event.seq,
      task_id: getOwn(event, 'task_id') ?? null,
      context_id: getOwn(event, 'context_id') ?? null,
      direction,
      peer_id: getOwn(event, 'peer_id') ?? null,
    },
  };
}
