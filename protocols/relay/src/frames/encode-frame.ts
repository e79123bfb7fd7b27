import type { JsonObject } from '../core/json.js';

/**
 * Encodes a frame as one line of JSON text for a WebSocket text frame (§2.1). Compact separators
 * are fine: receivers parse, they do not compare bytes. Throws a `RangeError` for numbers JSON
 * cannot carry (NaN, ±Infinity), which `JSON.stringify` would silently turn into `null`.
 *
 * @example
 * encodeFrame({ type: 'error', code: 'invalid_token' }); // '{"type":"error","code":"invalid_token"}'
 */
export function encodeFrame(frame: JsonObject): string {
  return JSON.stringify(frame, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`frame holds ${value}, which JSON cannot carry`);
    return value;
  });
}
