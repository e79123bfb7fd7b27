import { newMessageId } from '../core/ids.js';
import { formatTimestamp } from '../core/timestamp.js';

/** The id and time every built frame carries; both default to fresh values. */
export interface FrameStamp {
  /** Defaults to a new `msg_…` id (`card_…` for card frames). */
  readonly message_id?: string;
  /** Defaults to now, in Troupe's six-digit form. Pass the plugin clock's time for determinism. */
  readonly ts?: string;
}

/** Resolves the defaults of a {@link FrameStamp}. */
export function resolveStamp(stamp: FrameStamp, makeId: () => string = newMessageId): { message_id: string; ts: string } {
  return { message_id: stamp.message_id ?? makeId(), ts: stamp.ts ?? formatTimestamp(Date.now()) };
}
