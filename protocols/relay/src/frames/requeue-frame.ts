import type { JsonObject } from '../core/json.js';

/**
 * Prepares a queued frame for its flush (§6.6): same `message_id`, a fresh `ts`,
 * `_was_queued: true`, and no old signature members (sign it again with `signFrame` afterwards).
 *
 * @example
 * signFrame(requeueFrame(queued, formatTimestamp(now)), keys);
 */
export function requeueFrame<T extends JsonObject>(frame: T, ts: string): T {
  const out: JsonObject = { ...frame, ts, _was_queued: true };
  delete out['sig'];
  delete out['sig_body'];
  delete out['identity'];
  return out as T;
}
