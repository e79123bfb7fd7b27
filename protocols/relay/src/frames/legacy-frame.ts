import type { FrameCommon } from './frame-common.js';
import { encodeFrame } from './encode-frame.js';

/**
 * A legacy frame (§2.4.7): any frame that is not a card, reply, task update, delegation or error
 * and has no non-empty `parts` array (also upstream's `dcutr_*` signalling, §2.4.8). Receivers
 * dedupe it, record it whole and show it as an agent text message.
 */
export interface LegacyFrame extends FrameCommon {
  type?: string;
}

/**
 * The text shown for a legacy frame on the SSE `message` event: its JSON text (upstream shows a
 * Python `repr`, §2.4.7).
 *
 * @example
 * legacyFrameText({ type: 'weird.type', message_id: 'w1' }); // '{"type":"weird.type","message_id":"w1"}'
 */
export function legacyFrameText(frame: LegacyFrame): string {
  return encodeFrame(frame);
}
