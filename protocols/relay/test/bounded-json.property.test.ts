/**
 * Issue 9.3: the nesting bound every JSON decoder of the relay protocol applies. The depth scan
 * is checked against the depth of generated values (brackets inside strings included), and each
 * decoder refuses deep text in its own terms.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH, decodeFrame, jsonNestingExceeds, parseBoundedJson, parseJsonBody } from '../src/index.js';

/** Nesting depth of a parsed value: a scalar is 0, `[]` is 1. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

const deepText = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** Keys and strings full of brackets and escapes, which must not count. */
const trickyString = fc.stringMatching(/^[[\]{}"\\a]{0,6}$/);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, trickyString, fc.integer(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(trickyString, tie('node'), { maxKeys: 3 }),
})).node;

describe('issue 9.3: bounded JSON', () => {
  test('jsonNestingExceeds agrees with the real depth of 3,000 generated values at every bound', () => {
    fc.assert(
      fc.property(value, fc.nat({ max: 8 }), (v, bound) => {
        const text = JSON.stringify(v);
        expect(jsonNestingExceeds(text, bound)).toBe(depthOf(v) > bound);
        const parsed = parseBoundedJson(text, { maxDepth: bound });
        expect(parsed.ok).toBe(depthOf(v) <= bound);
      }),
      { numRuns: 3_000 },
    );
  });

  test('the limit itself is accepted, one level more is refused, and nothing throws on 100,000 levels', () => {
    expect(parseBoundedJson(deepText(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseBoundedJson(deepText(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    expect(parseBoundedJson(deepText(100_000)).ok).toBe(false);
    expect(parseBoundedJson('{"a":', { maxBytes: 3 })).toEqual({ ok: false, error: 'JSON text is 5 bytes, over the 3-byte limit' });
    expect(parseBoundedJson('{"a":').ok).toBe(false);
  });

  test('an HTTP body nested too deep is 400 ERR_INVALID_REQUEST', () => {
    const r = parseJsonBody(`{"payload":${deepText(5_000)}}`);
    expect(r).toEqual({
      ok: false,
      error: { status: 400, body: { ok: false, error_code: 'ERR_INVALID_REQUEST', error: `Invalid JSON in request body: JSON nested deeper than ${MAX_JSON_DEPTH} levels` } },
    });
    expect(parseJsonBody(new TextEncoder().encode(`{"payload":${deepText(MAX_JSON_DEPTH - 1)}}`)).ok).toBe(true);
  });

  test('a peer frame or card nested too deep is refused with a sentence', () => {
    const message = decodeFrame(`{"type":"acp.message","message_id":"m","parts":[{"type":"data","data":${deepText(5_000)}}]}`);
    expect(message).toEqual({ ok: false, error: { message: `frame is JSON nested deeper than ${MAX_JSON_DEPTH} levels` } });
    const card = decodeFrame(`{"type":"acp.agent_card","card":{"name":"x","skills":${deepText(600)}}}`);
    expect(card.ok).toBe(false);
    expect(decodeFrame(`{"type":"acp.message","message_id":"m","parts":[{"type":"data","data":${deepText(MAX_JSON_DEPTH - 3)}}]}`).ok).toBe(true);
  });
});
