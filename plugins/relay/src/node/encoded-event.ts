import { toWsStreamFrame } from '@troupe/protocol-relay';
import { sseBlock, type LoggedEvent } from './event-log.js';

// Encoded once per event, on first use, and shared by every subscriber; released with the event.
const sseCache = new WeakMap<LoggedEvent, Buffer>();
const wsCache = new WeakMap<LoggedEvent, Buffer>();

/**
 * The event's SSE block (§4.7) as bytes, encoded once and shared by every `/stream` subscriber.
 *
 * @example
 * res.write(sseBytes(logged)); // the same Buffer for all 500 subscribers
 */
export function sseBytes(logged: LoggedEvent): Buffer {
  let bytes = sseCache.get(logged);
  if (bytes === undefined) {
    bytes = Buffer.from(sseBlock(logged), 'utf8');
    sseCache.set(logged, bytes);
  }
  return bytes;
}

/**
 * The event's `/ws/stream` frame text (§4.9) as bytes, encoded once and shared.
 *
 * @example
 * ws.send(wsStreamBytes(logged, 'AgentA'), { binary: false });
 */
export function wsStreamBytes(logged: LoggedEvent, nodeName: string): Buffer {
  let bytes = wsCache.get(logged);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(toWsStreamFrame(logged.event, nodeName)), 'utf8');
    wsCache.set(logged, bytes);
  }
  return bytes;
}
