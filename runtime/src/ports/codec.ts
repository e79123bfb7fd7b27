import { TroupeError } from '../types/troupe-error.js';

/**
 * Encoding, kept apart from transport. `decode` never returns garbage silently: a bad frame
 * throws `TroupeError('DECODE_FAILED')` with a sentence saying what was wrong.
 */
export interface Codec<Wire = string | Uint8Array> {
  readonly name: string;
  encode(value: unknown): Wire;
  decode(frame: Wire): unknown;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON text. Accepts string or UTF-8 bytes on decode; encodes to a string.
 *
 * @example
 * jsonCodec.decode(jsonCodec.encode({ a: 1 })); // { a: 1 }
 */
export const jsonCodec: Codec<string | Uint8Array> = {
  name: 'json',
  encode(value) {
    const out = JSON.stringify(value);
    if (out === undefined) throw new TroupeError('DECODE_FAILED', `cannot encode ${typeof value} as JSON`);
    return out;
  },
  decode(frame) {
    let textFrame: string;
    try {
      textFrame = typeof frame === 'string' ? frame : decoder.decode(frame);
    } catch (err) {
      throw new TroupeError('DECODE_FAILED', 'frame is not valid UTF-8', { cause: err });
    }
    try {
      return JSON.parse(textFrame);
    } catch (err) {
      throw new TroupeError('DECODE_FAILED', `frame is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  },
};
