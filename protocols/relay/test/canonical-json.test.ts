import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  canonicalJson,
  canonicalJsonFromText,
  canonicalNumber,
  canonicalSha256,
  compareCodePoints,
  parseLosslessJson,
  pythonFloatRepr,
  tryCanonicalJson,
  utf8ByteLength,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const VECTOR_INPUT =
  '{"b":[1.0,1e16,1.5e-5,100,-0,-0.0,1E2,0.00001,123456789012345678901234567890,0.1],"a":"\\u2028\\u0007/\\u00e9","\\ue000":true,"\\ud83d\\ude00":null}';

test('R26: the §2.7.4 number/ordering vector is 125 bytes with the published SHA-256', () => {
  const r = canonicalJsonFromText(VECTOR_INPUT);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.value).toBe(
    '{"a":"\u2028\\u0007/é","b":[1.0,1e+16,1.5e-05,100,0,-0.0,100.0,1e-05,123456789012345678901234567890,0.1],"\ue000":true,"\u{1F600}":null}',
  );
  expect(utf8ByteLength(r.value)).toBe(125);
  expect(canonicalSha256(r.value)).toBe('d090320ef8f77d1ad2ef737340257c77d676a1478d720c8267dfc056b27f547c');
});

test('R25: the captured frames canonicalise to the published signing inputs (canonical part)', () => {
  const fx = loadFixture('ed25519-signed-frames.json');
  for (const v of fx.vectors) {
    const lossless = parseLosslessJson(v.frame_text);
    expect(lossless.ok).toBe(true);
    if (!lossless.ok || !(lossless.value instanceof Map)) return;
    lossless.value.delete('identity');
    const text = canonicalJson(lossless.value);
    expect(text).toBe(v.canonical_signing_input);
    expect(canonicalSha256(text)).toBe(v.canonical_signing_input_sha256);
    // The parsed object gives the same bytes (no floats in these frames).
    const { identity: _identity, ...rest } = v.frame;
    expect(canonicalJson(rest)).toBe(v.canonical_signing_input);
  }
});

describe('numbers follow Python', () => {
  test.each([
    ['0', '0'], ['-0', '0'], ['12345678901234567890123', '12345678901234567890123'], ['1.0', '1.0'], ['-0.0', '-0.0'],
    ['1e16', '1e+16'], ['1e15', '1000000000000000.0'], ['1.5e-5', '1.5e-05'], ['0.0001', '0.0001'], ['0.00001', '1e-05'],
    ['1E2', '100.0'], ['123456789012345678', '123456789012345678'], ['1.2345678901234568e+17', '1.2345678901234568e+17'],
    ['2.5e300', '2.5e+300'], ['5e-324', '5e-324'], ['0.1', '0.1'], ['-1.5', '-1.5'], ['1e400', undefined],
  ])('%s → %s', (lexeme, expected) => {
    expect(canonicalNumber(lexeme)).toBe(expected);
  });

  test('JavaScript numbers are written as the lexeme JSON.stringify would send', () => {
    expect(canonicalJson([1, 1.5, 1e21, -0, 1e-7])).toBe('[1,1.5,1e+21,0,1e-07]');
    expect(() => pythonFloatRepr(Number.NaN)).toThrow(RangeError);
  });
});

describe('keys and strings', () => {
  test('keys sort by code point, astral characters after U+FFFF', () => {
    const keys = ['\ue000', '\u{1F600}', 'b', 'a', 'ab', ''];
    expect([...keys].sort(compareCodePoints)).toEqual(['', 'a', 'ab', 'b', '\ue000', '\u{1F600}']);
    expect([...keys].sort()).not.toEqual([...keys].sort(compareCodePoints)); // the trap §2.7.4 warns about
    expect(['\u{10000}', '\uffff', '\uf900', '\u{10FFFF}'].sort(compareCodePoints)).toEqual(['\uf900', '\uffff', '\u{10000}', '\u{10FFFF}']);
    expect(canonicalJson({ '\u{10000}': 1, '\uffff': 2 })).toBe('{"\uffff":2,"\u{10000}":1}');
  });

  test('duplicate keys: the last one wins', () => {
    expect(canonicalJsonFromText('{"a":1,"b":2,"a":3}')).toEqual({ ok: true, value: '{"a":3,"b":2}' });
  });

  test('control characters escape with lowercase hex; DEL, slash and U+2029 stay raw', () => {
    expect(canonicalJson('\u001f\b\f\n\r\t"\\\u007f/\u2029')).toBe('"\\u001f\\b\\f\\n\\r\\t\\"\\\\\u007f/\u2029"');
  });

  test('lone surrogates and non-finite numbers have no canonical form', () => {
    expect(tryCanonicalJson('\ud800').ok).toBe(false);
    expect(tryCanonicalJson({ x: Number.POSITIVE_INFINITY }).ok).toBe(false);
    expect(canonicalJsonFromText('{"x":1e999}').ok).toBe(false);
    expect(canonicalJsonFromText('{"x":NaN}').ok).toBe(false);
  });

  test('the lossless parser refuses malformed text', () => {
    for (const bad of ['', '{', '[1,]', '{"a" 1}', '01', '"\u0001"', '{"a":1}x', '"\\x"', 'tru', '[' .repeat(600) + ']'.repeat(600)]) {
      expect(parseLosslessJson(bad).ok, bad.slice(0, 20)).toBe(false);
    }
  });
});

test('property: canonicalising an object equals canonicalising the text JSON.stringify sends', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const fromObject = tryCanonicalJson(value);
      const fromText = canonicalJsonFromText(JSON.stringify(value));
      expect(fromText).toEqual(fromObject);
    }),
    { numRuns: 2_000 },
  );
});

test('property: canonical text is a fixed point and parses back to the same value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const once = canonicalJson(value);
      expect(canonicalJsonFromText(once)).toEqual({ ok: true, value: once });
      expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value)));
    }),
    { numRuns: 2_000 },
  );
});
