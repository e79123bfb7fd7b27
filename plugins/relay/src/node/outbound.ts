import {
  exceedsMaxMsgBytes, MAX_MSG_BYTES, prepareOutboundFrame, type FrameSigningKeys, type JsonObject,
} from '@troupe/protocol-relay';

/** A frame ready for the wire: the object as sent and its text, encoded once. */
export interface EncodedFrame {
  readonly frame: JsonObject;
  readonly text: string;
  readonly tooLarge: boolean;
}

/**
 * Signs (when keys are configured) and encodes a frame, measuring the final text (§2.8). Without
 * keys this is one `JSON.stringify`: the hot path neither copies the frame nor walks it twice.
 *
 * @example
 * const out = encodeOutbound(frame, {});
 * if (!out.tooLarge) socket.send(out.text);
 */
export function encodeOutbound(frame: JsonObject, keys: FrameSigningKeys): EncodedFrame {
  if (keys.secret === undefined && keys.identity === undefined) {
    const text = JSON.stringify(frame);
    return { frame, text, tooLarge: exceedsMaxMsgBytes(text, MAX_MSG_BYTES) };
  }
  const prepared = prepareOutboundFrame(frame, keys);
  return { frame: prepared.frame, text: prepared.text, tooLarge: prepared.tooLarge };
}
