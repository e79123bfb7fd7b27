/**
 * The text-chunk fast path must be invisible: whenever `TextChunkReader.read` answers, the answer
 * is exactly (same values, same key order) what the full path — `decodeLine` then
 * `decodeSessionUpdate` — makes of the line; and canonical chunk frames do take the fast path.
 * The reader is stateful (it remembers the ids of the last match), so lines go through one reader
 * in sequence: canonical frames with changing ids, mutated frames and other shapes mixed.
 */
import { describe, expect, it, test } from 'vitest';
import fc from 'fast-check';
import { TextChunkReader, decodeLine, decodeSessionUpdate, type ReceivedUpdate } from '../src/index.js';

interface Chunk { sessionId: string; text: string; messageId?: string | undefined }

const canonical = (c: Chunk): string => JSON.stringify({
  jsonrpc: '2.0', method: 'session/update',
  params: { sessionId: c.sessionId, update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: c.text }, ...(c.messageId !== undefined ? { messageId: c.messageId } : {}) } },
});

/** What the full receive path makes of a line, when it is a session/update notification. */
function fullPath(line: string): ReceivedUpdate | undefined {
  const m = decodeLine(line, 'drive');
  if (m.type !== 'notification' || m.method !== 'session/update' || m.missingVersion) return undefined;
  return decodeSessionUpdate(m.params);
}

function expectSame(reader: TextChunkReader, line: string): boolean {
  const fast = reader.read(line);
  if (fast === undefined) return false;
  const full = fullPath(line);
  expect(full?.kind).toBe('known');
  expect(fast).toStrictEqual(full);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
  return true;
}

// Strings with quotes, backslashes, control characters, lone surrogates and astral characters.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '/', 'a', ' ', '}', ',', '\ud800', '\u{1f600}'), maxLength: 12 }),
);
const id = fc.oneof(fc.constantFrom('s-1', 'sess-a', 'm-1'), anyText);
const chunk: fc.Arbitrary<Chunk> = fc.record({ sessionId: id, text: anyText, messageId: fc.option(id, { nil: undefined }) }, { requiredKeys: ['sessionId', 'text'] });

const JSONISH = ['"', '\\', '{', '}', ',', ':', ' ', '\t', '\n', 'u', '0', 'a', 'null', '"_meta":{}', '"x":1'];
/** A line that is almost canonical: one character or token inserted, removed or replaced. */
const mutated = fc.tuple(chunk, fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...JSONISH)).map(([c, at, op, tok]) => {
  const line = canonical(c);
  const i = at % (line.length + 1);
  if (op === 0) return line.slice(0, i) + tok + line.slice(i);
  if (op === 1) return line.slice(0, i) + line.slice(i + 1);
  return line.slice(0, i) + tok + line.slice(i + 1);
});

/** Chunk-like frames in other shapes: a different variant, extra members, messageId null, _meta. */
const otherShape = fc.tuple(chunk, fc.constantFrom('agent_thought_chunk', 'agent_message_chunk', 'user_message_chunk'), fc.nat({ max: 5 })).map(([c, kind, v]) => {
  const content: Record<string, unknown> = { type: 'text', text: c.text };
  const update: Record<string, unknown> = { sessionUpdate: kind, content };
  if (c.messageId !== undefined) update['messageId'] = c.messageId;
  if (v === 1) update['messageId'] = null;
  if (v === 2) content['annotations'] = { priority: 1 };
  if (v === 3) update['_meta'] = { k: 1 };
  const params: Record<string, unknown> = v === 4 ? { update, sessionId: c.sessionId } : { sessionId: c.sessionId, update };
  if (v === 5) params['_meta'] = { trace: 'x' };
  return JSON.stringify({ jsonrpc: '2.0', method: 'session/update', params });
});

describe('TextChunkReader', () => {
  test('property: every answer equals the full decode of the line, in any sequence of lines', () => {
    fc.assert(fc.property(fc.array(fc.oneof(chunk.map(canonical), mutated, otherShape), { maxLength: 25 }), (lines) => {
      const reader = new TextChunkReader();
      for (const line of lines) expectSame(reader, line);
    }), { numRuns: 2000 });
  });

  test('property: canonical chunk frames take the fast path (first of a turn and repeats)', () => {
    fc.assert(fc.property(fc.array(chunk, { minLength: 1, maxLength: 10 }), (chunks) => {
      const reader = new TextChunkReader();
      for (const c of chunks) {
        expect(expectSame(reader, canonical(c))).toBe(true);
        expect(expectSame(reader, canonical({ ...c, text: `${c.text}!` }))).toBe(true);
      }
    }));
  });

  it('leaves everything else to the full path', () => {
    const reader = new TextChunkReader();
    const line = canonical({ sessionId: 's', text: 'hi', messageId: 'm' });
    expect(reader.read(line)?.update).toEqual({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi' }, messageId: 'm' });
    for (const other of [
      line.replace('"hi"', '"hi" '), line.replace('"hi"', '"h"i"'), line.replace('"hi"', '"h\\qi"'), line.replace('"hi"', '"h\ti"'),
      line.replace('"hi"', '"hi","text":"x"'), line.replace('"hi"', '5'), `${line} `, line.replace('"jsonrpc":"2.0",', ''),
      '{"jsonrpc":"2.0","id":1,"result":{}}', 'not json',
    ]) expect(reader.read(other)).toBeUndefined();
    expect(reader.read(line.replace('"hi"', '"h\\"i\\u0041"'))?.update).toMatchObject({ content: { text: 'h"iA' } });
  });
});
