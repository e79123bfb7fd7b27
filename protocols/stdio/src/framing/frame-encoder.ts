/**
 * Outbound framing (spec §3.1, §3.2): compact JSON plus one `\n`; no `\r`,
 * no BOM, no pretty-printing. `JSON.stringify` escapes every newline inside
 * strings, so a frame is always exactly one line.
 */
import type { RpcMessage } from '../types/json-rpc.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './line-decoder.js';
import { utf8ByteLength } from './utf8.js';

/**
 * Hard outbound cap: never send a line above 32 MiB to any peer whatever the
 * local setting, because SDK peers drop the connection on such a line.
 *
 * @example
 * encodeFrame(frame, 64 * 1024 * 1024); // still capped at HARD_MAX_OUTBOUND_BYTES
 */
export const HARD_MAX_OUTBOUND_BYTES = 32 * 1024 * 1024;

/**
 * Result of {@link encodeFrame}: the line to write, or why it cannot be written.
 *
 * @example
 * const r: EncodeResult = encodeFrame(frame); if (!r.ok) fail(r.reason);
 */
export type EncodeResult =
  | { ok: true; line: string }
  | { ok: false; reason: 'message_too_large'; bytes: number; limit: number }
  | { ok: false; reason: 'unserializable'; detail: string };

/**
 * Result of {@link encodeJson}: the message's compact JSON text (no terminator), or why it cannot
 * be written.
 *
 * @example
 * const r: JsonEncodeResult = encodeJson(frame); if (r.ok) transport.write(r.json);
 */
export type JsonEncodeResult =
  | { ok: true; json: string }
  | Exclude<EncodeResult, { ok: true }>;

/**
 * Encodes one message as the JSON text of one line, without its `\n`, for a line transport that
 * adds the terminator itself (appending one only to cut it off again would cost a copy of every
 * frame). Same limits and refusals as {@link encodeFrame}. Never throws.
 *
 * @example
 * const r = encodeJson(notification('session/cancel', { sessionId: 's' }));
 * if (r.ok) transport.write(r.json);
 */
export function encodeJson(message: RpcMessage, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): JsonEncodeResult {
  let json: string | undefined;
  try {
    json = JSON.stringify(message);
  } catch (err) {
    return { ok: false, reason: 'unserializable', detail: err instanceof Error ? err.message : String(err) };
  }
  if (typeof json !== 'string') return { ok: false, reason: 'unserializable', detail: 'message is not JSON-serialisable' };
  const limit = Math.min(maxMessageBytes, HARD_MAX_OUTBOUND_BYTES);
  // Counting bytes is O(n); skip it when even 3 bytes per unit would fit.
  if (json.length * 3 > limit) {
    const bytes = utf8ByteLength(json);
    if (bytes > limit) return { ok: false, reason: 'message_too_large', bytes, limit };
  }
  return { ok: true, json };
}

/**
 * Encodes one message as one NDJSON line, refusing lines over
 * `min(maxMessageBytes, 32 MiB)` (the caller fails locally with
 * `message_too_large`; nothing is written). Never throws.
 *
 * @example
 * const r = encodeFrame(notification('session/cancel', { sessionId: 's' }));
 * if (r.ok) stdout.write(r.line);
 */
export function encodeFrame(message: RpcMessage, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): EncodeResult {
  const r = encodeJson(message, maxMessageBytes);
  return r.ok ? { ok: true, line: `${r.json}\n` } : r;
}
