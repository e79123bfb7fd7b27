import { describe, expect, test } from 'vitest';
import {
  buildMessageFrame, decodeFrame, inboundMessageEntry, inboundMessageEvent, outboundMessageEvent, outboundRecord,
  stampEvent, stripVerificationFlags, type InboundContext, type JsonObject, type MessageFrame, type MessageFrameInit,
} from '../src/index.js';
// compact is internal to the package; its builders above are the public face.
import { compact, setOwn } from '../src/core/json.js';
import { loadFixture } from './load-fixture.js';

// The builders on every message's path, checked to the byte: they build their objects for speed
// (plain assignment), and the relay plugin uses them directly, so this is the only guard on what
// they write.
const fx = loadFixture<{ _meta: { sentAtMs: number; receivedAtMs: number }; inputs: MessageFrameInit[]; expected: Record<string, Record<string, string>> }>('message-builders.json');

describe('per-message builders write the recorded bytes', () => {
  test.each(fx.inputs)('$message_id', (init) => {
    const want = fx.expected[init.message_id ?? ''] ?? {};
    const frame = buildMessageFrame(init);
    expect(JSON.stringify(frame)).toBe(want['frame']);
    expect(JSON.stringify(outboundMessageEvent(frame, { peerId: 'peer_001' }))).toBe(want['outbound']);
    expect(JSON.stringify(outboundMessageEvent(frame, { peerId: 'peer_001', queued: false }))).toBe(want['outbound']);
    expect(JSON.stringify(outboundMessageEvent(frame, { peerId: 'peer_001', queued: true }))).toBe(want['outboundQueued']);
    expect(JSON.stringify(outboundRecord(frame, { sentAtMs: fx._meta.sentAtMs, toPeerId: 'peer_002' }))).toBe(want['record']);
    const r = decodeFrame(JSON.stringify(frame));
    if (!r.ok || r.value.kind !== 'message') throw new Error('not a message');
    const received = r.value.frame;
    const unsigned: InboundContext = { receivedAtMs: fx._meta.receivedAtMs, peerId: 'peer_003', verified: [] };
    const signed: InboundContext = { ...unsigned, verified: ['hmac', 'ed25519'], verifiedKey: 'k' };
    expect(JSON.stringify(inboundMessageEvent(received, 'peer_003'))).toBe(want['inbound']);
    expect(JSON.stringify(inboundMessageEntry(received, unsigned))).toBe(want['entry']);
    expect(JSON.stringify(inboundMessageEntry(received, signed))).toBe(want['entrySigned']);
    expect(JSON.stringify(stampEvent(inboundMessageEvent(received, 'peer_003'), 9, 'T'))).toBe(want['stamped']);
  });

  test('an untyped frame keyed by id only', () => {
    const frame = { id: 'legacy-id', parts: [{ type: 'text', content: 'x' }] } as unknown as MessageFrame;
    expect(JSON.stringify(inboundMessageEvent(frame, 'p'))).toBe('{"type":"message","message_id":"legacy-id","role":"user","parts":[{"type":"text","content":"x"}],"task_id":null,"from":null,"context_id":null,"peer_id":"p","direction":"inbound"}');
    expect(JSON.stringify(inboundMessageEntry(frame, { receivedAtMs: 1, peerId: 'p', verified: [] }))).toBe('{"id":"legacy-id","message_id":"legacy-id","received_at":0.001,"role":null,"parts":[{"type":"text","content":"x"}],"task_id":null,"context_id":null,"raw":{"id":"legacy-id","parts":[{"type":"text","content":"x"}]},"peer_id":"p","verified":[]}');
  });
});

describe('object builders keep every member an own member', () => {
  const hostile = (): JsonObject => JSON.parse('{"type":"x","2":1,"__proto__":{"polluted":true},"_verified":true,"message_id":"p","1":0}') as JsonObject;

  test('compact drops undefined members, keeps order and a __proto__ member', () => {
    const out = compact({ a: 1, b: undefined, ['__proto__']: { polluted: true }, c: null });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['a', '__proto__', 'c']);
    expect(JSON.stringify(out)).toBe('{"a":1,"__proto__":{"polluted":true},"c":null}');
  });

  test('stripVerificationFlags copies, drops only the flags, keeps a __proto__ member', () => {
    const frame = hostile();
    const out = stripVerificationFlags(frame);
    expect(out).not.toBe(frame);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"1":0,"2":1,"type":"x","__proto__":{"polluted":true},"message_id":"p"}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('stampEvent puts ts and seq after type and keeps a __proto__ member', () => {
    const out = stampEvent(hostile() as JsonObject & { type: string }, 3, 'T');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"1":0,"2":1,"type":"x","ts":"T","seq":3,"__proto__":{"polluted":true},"_verified":true,"message_id":"p"}');
  });

  test('a member the prototype has read-only still becomes an own member (frozen Object.prototype)', () => {
    const target = Object.create(Object.freeze({ toString: 'inherited' })) as JsonObject;
    setOwn(target, 'toString', 'own');
    expect(Object.getOwnPropertyDescriptor(target, 'toString')).toEqual({ value: 'own', enumerable: true, writable: true, configurable: true });
  });
});
