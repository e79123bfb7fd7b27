/** Test helpers for feeding byte streams to the LineDecoder. */
import { LineDecoder, type FrameEvent, type LineDecoderOptions } from '../../src/index.js';

export const enc = new TextEncoder();

/** Splits `bytes` at the given cut positions (sorted, deduplicated, in range). */
export function cut(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

/** Feeds chunks then ends the stream; returns every event in order. */
export function feed(chunks: readonly Uint8Array[], options?: LineDecoderOptions): FrameEvent[] {
  const d = new LineDecoder(options);
  const events: FrameEvent[] = [];
  for (const c of chunks) events.push(...d.push(c));
  events.push(...d.end());
  return events;
}

/** Just the texts of line events. */
export function lines(events: readonly FrameEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
}
