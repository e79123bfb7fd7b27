/**
 * Numeric constants of the wire protocol (§1.1, §1.5, §2.7.1, §2.8). Troupe may use larger
 * bounds than these; it must never use smaller ones.
 */

/** Largest accepted frame, in UTF-8 bytes of the final (signed) frame text (§2.8). */
export const MAX_MSG_BYTES = 1_048_576;

/** Protocol level implemented, as written in cards and `/status` (§3.5.5). */
export const ACP_VERSION = '2.19.0';

/** Default peer WebSocket port (§1.1). */
export const DEFAULT_PEER_PORT = 7801;

/** The HTTP API listens on the peer port plus this offset (§1.1). */
export const HTTP_PORT_OFFSET = 100;

/** HMAC replay window, in seconds either side of the receiver's clock (§2.7.1). */
export const HMAC_WINDOW_SECONDS = 300;

/** Replay window of the HTTP-side signature of §2.7.6, in seconds. */
export const HTTP_SIGNATURE_WINDOW_SECONDS = 300;

/** Minimum sizes of the per-node stores of §1.5. */
export const MESSAGE_DEQUE_SIZE = 1_000;
export const EVENT_LOG_SIZE = 500;
export const DEDUPE_WINDOW_SIZE = 2_000;
export const OFFLINE_QUEUE_PER_PEER = 100;

/** Default synchronous-send timeout in seconds, and the cap Troupe applies (§3.4.1). */
export const DEFAULT_SYNC_TIMEOUT_SECONDS = 30;
export const MAX_SYNC_TIMEOUT_SECONDS = 300;

const encoder = new TextEncoder();

/**
 * UTF-8 length of a string, without allocating when the text is pure ASCII.
 *
 * @example
 * utf8ByteLength('é'); // 2
 */
export function utf8ByteLength(text: string): number {
  // Buffer.byteLength would do, but this module stays free of Node-only globals.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text.length : encoder.encode(text).length;
}

/**
 * True when a frame text is larger than {@link MAX_MSG_BYTES}. Measure the final text, after
 * `sig`, `sig_body` and `identity` were added (§2.8).
 *
 * @example
 * exceedsMaxMsgBytes('x'.repeat(1_048_577)); // true
 */
export function exceedsMaxMsgBytes(frameText: string, limit: number = MAX_MSG_BYTES): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no encoding at all.
  if (frameText.length * 3 <= limit) return false;
  if (frameText.length > limit) return true;
  return utf8ByteLength(frameText) > limit;
}
