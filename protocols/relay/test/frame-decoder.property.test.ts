import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  buildAckFrame,
  buildAgentCardFrame,
  buildInvalidTokenFrame,
  buildMessageFrame,
  buildReplyFrame,
  buildTaskDelegateFrame,
  buildTaskUpdatedFrame,
  decodeFrame,
  decodeFrameObject,
  encodeFrame,
  TASK_STATES,
  type JsonObject,
  type JsonValue,
  type PeerFrameKind,
} from '../src/index.js';

/**
 * Property tests of the frame decoder (≥ 10,000 generated and mutated frames in total). The oracle
 * below is written from the spec tables (§2.3–§2.4), not from the decoder.
 */

type Kind = 'string' | 'object' | 'boolean' | 'array';
const COMMON: Record<string, Kind> = { type: 'string', message_id: 'string', id: 'string', ts: 'string', from: 'string', sig: 'string', sig_body: 'string', identity: 'object' };
const TYPED: Record<PeerFrameKind, Record<string, Kind>> = {
  agent_card: { card: 'object' },
  reply: { correlation_id: 'string', parts: 'array', content: 'string' },
  task_updated: { task_id: 'string', status: 'string', artifact: 'object', error: 'string' },
  task_delegate: { task_id: 'string', payload: 'object' },
  error: { code: 'string' },
  ack: { acked: 'array' },
  message: { role: 'string', task_id: 'string', context_id: 'string', correlation_id: 'string', _was_queued: 'boolean', parts: 'array' },
  legacy: {},
};
const REQUIRED: Record<PeerFrameKind, string[]> = {
  agent_card: ['card'],
  reply: ['correlation_id'],
  task_updated: ['task_id'],
  task_delegate: ['task_id', 'payload'],
  error: ['code'],
  ack: ['acked'],
  message: [],
  legacy: [],
};

const id = fc.string({ minLength: 1, maxLength: 12 });
const ts = fc.constantFrom('2026-11-21T16:25:43.370422Z', '2026-11-21T16:24:35Z');
const part: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ type: fc.constant('text'), content: fc.string() }),
  fc.record({ type: fc.constant('data'), content: fc.jsonValue() as fc.Arbitrary<JsonValue> }),
  fc.record({ type: fc.constant('file'), url: fc.webUrl() }, { requiredKeys: ['type', 'url'] }),
  fc.record({ type: fc.string({ maxLength: 8 }), other: fc.integer() }),
);
const parts = fc.array(part, { minLength: 1, maxLength: 4 });

const validFrame: fc.Arbitrary<{ kind: PeerFrameKind; frame: JsonObject }> = fc.oneof(
  fc.record({ from: id, role: fc.constantFrom('user' as const, 'agent' as const), parts, message_id: id, ts, server_seq: fc.nat(), context_id: fc.option(id, { nil: undefined }) }).map((init) => ({
    kind: 'message' as const,
    frame: buildMessageFrame({ ...init, ...(init.context_id === undefined ? {} : { context_id: init.context_id }) } as Parameters<typeof buildMessageFrame>[0]),
  })),
  fc.record({ from: id, correlation_id: id, parts, message_id: id, ts }).map((init) => ({ kind: 'reply' as const, frame: buildReplyFrame(init) })),
  fc.record({ from: id, task_id: id, status: fc.constantFrom('submitted', 'working', 'input_required', 'completed', 'failed', 'canceled') as fc.Arbitrary<'working'>, message_id: id, ts }).map((init) => ({
    kind: 'task_updated' as const,
    frame: buildTaskUpdatedFrame(init),
  })),
  fc.record({ from: id, task_id: id, payload: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue() as fc.Arbitrary<JsonValue>, { maxKeys: 4 }), message_id: id, ts }).map((init) => ({
    kind: 'task_delegate' as const,
    frame: buildTaskDelegateFrame(init),
  })),
  fc.record({ card: fc.record({ name: id, http_port: fc.nat() }), message_id: id, ts }).map((init) => ({ kind: 'agent_card' as const, frame: buildAgentCardFrame(init) })),
  fc.constant({ kind: 'error' as const, frame: buildInvalidTokenFrame() as JsonObject }),
  fc.record({ from: id, acked: fc.array(id, { maxLength: 4 }), message_id: id, ts }).map((init) => ({ kind: 'ack' as const, frame: buildAckFrame(init) as unknown as JsonObject })),
  fc.record({ type: fc.string({ minLength: 1, maxLength: 10 }).filter((t) => !['acp.agent_card', 'acp.reply', 'task.updated', 'task.delegate', 'error', 'troupe.ack'].includes(t)), message_id: id }).map((f) => ({ kind: 'legacy' as const, frame: f })),
);

function wrongValue(kind: Kind): fc.Arbitrary<JsonValue> {
  const all: Record<Kind, fc.Arbitrary<JsonValue>> = {
    string: fc.string(),
    object: fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
    boolean: fc.boolean(),
    array: fc.array(fc.integer(), { maxLength: 2 }),
  };
  const others = (Object.keys(all) as Kind[]).filter((k) => k !== kind).map((k) => all[k]);
  return fc.oneof(fc.integer(), ...others);
}

function noThrowAndSentence(text: unknown): ReturnType<typeof decodeFrame> {
  const r = decodeFrame(text);
  if (!r.ok) {
    expect(typeof r.error.message).toBe('string');
    expect(r.error.message.length).toBeGreaterThan(5);
    expect(r.error.message).not.toMatch(/\n/);
  }
  return r;
}

test('valid frames decode to their kind and re-encode to the same text', () => {
  fc.assert(
    fc.property(validFrame, ({ kind, frame }) => {
      const text = encodeFrame(frame);
      const r = noThrowAndSentence(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const expected = kind === 'legacy' && Array.isArray(frame['parts']) ? 'message' : kind;
      expect(r.value.kind).toBe(expected);
      expect(encodeFrame(r.value.frame)).toBe(text);
    }),
    { numRuns: 2_000 },
  );
});

test('a known member set to a wrong JSON type is always refused', () => {
  const mutated = validFrame.chain(({ kind, frame }) => {
    const fields = { ...COMMON, ...TYPED[kind] };
    delete (fields as Record<string, Kind>)['type']; // changing type re-routes the frame; tested below
    const keys = Object.keys(fields);
    return fc.constantFrom(...keys).chain((key) => wrongValue(fields[key] as Kind).map((bad) => ({ kind, key, frame: { ...frame, [key]: bad } })));
  });
  fc.assert(
    fc.property(mutated, ({ kind, key, frame }) => {
      const r = noThrowAndSentence(encodeFrame(frame));
      const value = frame[key];
      // A task update's status must also be a state name; a message's parts must stay non-empty objects.
      const stillValid = (kind === 'legacy' && key === 'parts') || (kind === 'task_updated' && key === 'status' && TASK_STATES.includes(value as never));
      if (!stillValid) {
        expect(r.ok, `${kind}.${key} = ${JSON.stringify(value)}`).toBe(false);
        if (!r.ok) expect(r.error.message).toContain(key === 'parts' && Array.isArray(value) ? 'parts' : key);
      }
    }),
    { numRuns: 3_000 },
  );
});

test('removing a member a receiver needs is refused; adding unknown members is not', () => {
  const cases = validFrame.chain(({ kind, frame }) =>
    fc.record({
      drop: REQUIRED[kind].length > 0 ? fc.constantFrom(...REQUIRED[kind]) : fc.constant(undefined),
      extraKey: fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !(k in COMMON) && !(k in TYPED[kind]) && !k.startsWith('_') && k !== 'parts'),
      extraValue: fc.jsonValue() as fc.Arbitrary<JsonValue>,
    }).map((m) => ({ kind, frame, ...m })),
  );
  fc.assert(
    fc.property(cases, ({ kind, frame, drop, extraKey, extraValue }) => {
      const withExtra = { ...frame, [extraKey]: extraValue };
      const kept = noThrowAndSentence(encodeFrame(withExtra));
      expect(kept.ok).toBe(true);
      if (kept.ok) expect(kept.value.frame[extraKey]).toEqual(JSON.parse(JSON.stringify(extraValue)));
      if (drop !== undefined) {
        const without: JsonObject = { ...frame };
        delete without[drop];
        const r = noThrowAndSentence(encodeFrame(without));
        expect(r.ok, `${kind} without ${drop}`).toBe(false);
      }
    }),
    { numRuns: 2_000 },
  );
});

test('truncated, spliced or arbitrary text never throws, and truncation is always refused', () => {
  fc.assert(
    fc.property(validFrame, fc.nat(), fc.string({ maxLength: 3 }), ({ frame }, cut, splice) => {
      const text = encodeFrame(frame);
      const at = cut % text.length;
      expect(noThrowAndSentence(text.slice(0, at)).ok).toBe(false);
      noThrowAndSentence(text.slice(0, at) + splice + text.slice(at + 1));
    }),
    { numRuns: 2_000 },
  );
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.uint8Array({ maxLength: 8 }), fc.anything()), (input) => {
      const r = noThrowAndSentence(input);
      if (typeof input !== 'string') expect(r.ok).toBe(false);
    }),
    { numRuns: 1_500 },
  );
});

test('any JSON value that is not an object is refused; objects decode or explain', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const r = decodeFrameObject(value);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
    }),
    { numRuns: 1_500 },
  );
});
