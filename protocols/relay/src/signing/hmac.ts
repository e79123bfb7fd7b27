import { createHmac } from 'node:crypto';
import { getOwn, type JsonObject } from '../core/json.js';
import { HMAC_WINDOW_SECONDS } from '../core/limits.js';
import { parseTimestamp } from '../core/timestamp.js';
import { constantTimeEqual } from './constant-time.js';

/**
 * Upstream's frame HMAC (§2.7.1, extension `acp:ext:hmac-v1`):
 * `sig = hex(HMAC-SHA256(secret, message_id + ":" + ts))`. It covers the id and the time only;
 * see `hmac-body.ts` for Troupe's body-covering addition.
 */

/**
 * Computes the `sig` value for an id and a timestamp, both exactly as written in the frame.
 *
 * @example
 * hmacSignature('s3cr3t', 'x-out-1', '2026-11-21T16:25:43.370422Z');
 * // '2a39e739abb6c3cfe0d5fda55b56ab717380174f28f3c742eef7d45175215678'
 */
export function hmacSignature(secret: string, messageId: string, ts: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${messageId}:${ts}`, 'utf8').digest('hex');
}

/**
 * Returns a copy of `frame` with `sig` set. The frame needs string `message_id` and `ts`.
 *
 * @example
 * addHmacSignature(buildMessageFrame({ … }), 's3cr3t');
 */
export function addHmacSignature<T extends JsonObject>(frame: T, secret: string): T {
  const messageId = getOwn(frame, 'message_id');
  const ts = getOwn(frame, 'ts');
  if (typeof messageId !== 'string' || typeof ts !== 'string') throw new TypeError('signing needs string message_id and ts');
  return { ...frame, sig: hmacSignature(secret, messageId, ts) };
}

/** Outcome of checking a received frame's `sig`. */
export type HmacCheck =
  | { readonly status: 'unsigned' }
  | { readonly status: 'valid' }
  | { readonly status: 'stale'; readonly reason: string }
  | { readonly status: 'invalid'; readonly reason: string };

/** Clock and window of {@link checkHmacSignature}. */
export interface HmacCheckOptions {
  /** The receiver's clock, epoch milliseconds. */
  readonly nowMs: number;
  /** Accepted distance between `ts` and now, in seconds (default 300). */
  readonly windowSeconds?: number;
}

/**
 * Checks a received frame's `sig` the way §2.7.1 orders it: no `sig` → unsigned; a `ts` missing,
 * unparseable or outside the window → stale; a wrong value → invalid. The id is `message_id`,
 * or `id` as upstream receivers fall back to it. Comparison is constant-time.
 *
 * @example
 * checkHmacSignature(frame, 's3cr3t', { nowMs: Date.now() }); // { status: 'valid' }
 */
export function checkHmacSignature(frame: JsonObject, secret: string, options: HmacCheckOptions): HmacCheck {
  const sig = getOwn(frame, 'sig');
  if (sig === undefined || sig === null) return { status: 'unsigned' };
  const ts = getOwn(frame, 'ts');
  const when = parseTimestamp(ts);
  if (typeof ts !== 'string' || when === undefined) return { status: 'stale', reason: "signed frame has no parseable 'ts'" };
  const windowMs = (options.windowSeconds ?? HMAC_WINDOW_SECONDS) * 1000;
  if (Math.abs(options.nowMs - when) > windowMs) return { status: 'stale', reason: `signed frame 'ts' is outside the ±${windowMs / 1000} s window` };
  const rawId = getOwn(frame, 'message_id') ?? getOwn(frame, 'id');
  if (typeof rawId !== 'string') return { status: 'invalid', reason: "signed frame has no string 'message_id'" };
  if (typeof sig !== 'string') return { status: 'invalid', reason: "'sig' is not a string" };
  return constantTimeEqual(sig, hmacSignature(secret, rawId, ts)) ? { status: 'valid' } : { status: 'invalid', reason: "'sig' does not match" };
}
