import { C1, Packr } from 'msgpackr';
import { TroupeError } from '../types/troupe-error.js';
import type { Codec } from './codec.js';

// Structured clones off: a Troupe peer sends plain data. `useRecords: false` keeps frames
// self-describing, so a peer that restarted (and lost its record table) still decodes them.
const packr = new Packr({ useRecords: false, moreTypes: false });

/**
 * MessagePack via msgpackr: for node-to-node links and storage, where both ends are Troupe.
 * One deliberate difference from JSON: an object key `__proto__` comes back as `__proto_`
 * (msgpackr's guard against prototype pollution), so such a key never reaches an object's
 * prototype.
 *
 * @example
 * msgpackCodec.decode(msgpackCodec.encode({ a: 1 })); // { a: 1 }
 */
export const msgpackCodec: Codec<string | Uint8Array> = {
  name: 'msgpack',
  encode(value) {
    return packr.pack(value);
  },
  decode(frame) {
    if (typeof frame === 'string') throw new TroupeError('DECODE_FAILED', 'msgpack frames are bytes, got a string');
    if (frame.length === 0) throw new TroupeError('DECODE_FAILED', 'empty msgpack frame');
    let value: unknown;
    try {
      value = packr.unpack(frame);
    } catch (err) {
      throw new TroupeError('DECODE_FAILED', `frame is not valid MessagePack: ${(err as Error).message}`, { cause: err });
    }
    // 0xC1 is "never used" in MessagePack; msgpackr hands back a marker object instead of failing.
    if (value === C1) throw new TroupeError('DECODE_FAILED', 'frame is not valid MessagePack: byte 0xC1 is reserved');
    return value;
  },
};
