import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TroupeError, type Codec } from '@troupe/runtime';

/** Values every codec carries unchanged. */
const SAMPLES: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 40, '', 'héllo ✓ 日本', [], [1, 'a', null],
  { a: 1, nested: { list: [{ x: 'y' }], empty: {} } },
  { type: 'text', text: 'x'.repeat(100_000) },
];

/**
 * The Codec contract: round trips of plain data (including a property test), and a bad frame is
 * `TroupeError('DECODE_FAILED')` with a sentence, never garbage.
 */
export function describeCodecContract<W>(codec: Codec<W>, badFrames: readonly W[], options: { renamesProtoKey?: boolean } = {}): void {
  describe(`Codec contract: ${codec.name}`, () => {
    it.each(SAMPLES.map((s, i) => [i, s]))('round-trips sample %i', (_, value) => {
      expect(codec.decode(codec.encode(value))).toEqual(value);
    });

    it(options.renamesProtoKey ? 'renames a __proto__ key instead of touching the prototype' : 'keeps a __proto__ key as an own property', () => {
      const value = JSON.parse('{"__proto__":{"polluted":true},"b":1}') as unknown;
      const back = codec.decode(codec.encode(value)) as Record<string, unknown>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.keys(back)).toEqual(options.renamesProtoKey ? ['__proto_', 'b'] : ['__proto__', 'b']);
    });

    it('round-trips any JSON value (property)', () => {
      // A `__proto__` key is covered by its own test above (codecs may rename it).
      const noProtoKey = (v: unknown): boolean => !JSON.stringify(v).includes('"__proto__"');
      fc.assert(fc.property(fc.jsonValue().filter(noProtoKey), (v) => {
        // JSON has no -0; both codecs are allowed to turn it into 0
        const value = JSON.parse(JSON.stringify(v)) as unknown;
        expect(codec.decode(codec.encode(value))).toEqual(value);
      }), { numRuns: 500 });
    });

    it.each(badFrames.map((f, i) => [i, f]))('rejects bad frame %i with DECODE_FAILED and a reason', (_, frame) => {
      let err: unknown;
      try {
        codec.decode(frame);
      } catch (e) {
        err = e;
      }
      expect(TroupeError.is(err, 'DECODE_FAILED')).toBe(true);
      expect((err as Error).message.length).toBeGreaterThan(10);
    });
  });
}
