import { describe, expect, test } from 'vitest';
import {
  addBodySignature,
  addHmacSignature,
  bodySignature,
  buildMessageFrame,
  checkBodySignature,
  checkHmacSignature,
  encodeFrame,
  hmacSignature,
  parseTimestamp,
  prepareOutboundFrame,
  requeueFrame,
  textPart,
  verifyInboundFrame,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const fx = loadFixture('hmac-signed-frames.json');
const SECRET: string = fx.secret;

function nowFor(frame: { ts: string }): number {
  return parseTimestamp(frame.ts) ?? 0;
}

test('R24: the three captured vectors give expected_sig', () => {
  expect(fx.vectors).toHaveLength(3);
  for (const v of fx.vectors) {
    expect(`${v.frame.message_id}:${v.frame.ts}`).toBe(v.signing_input);
    expect(hmacSignature(SECRET, v.frame.message_id, v.frame.ts)).toBe(v.expected_sig);
    const { sig: _sig, identity: _identity, ...unsigned } = v.frame;
    expect(addHmacSignature(unsigned, SECRET)['sig']).toBe(v.expected_sig);
    expect(checkHmacSignature(JSON.parse(v.frame_text), SECRET, { nowMs: nowFor(v.frame) })).toEqual({ status: 'valid' });
  }
});

test('the HMAC does not cover parts (upstream scheme), but a different secret or id fails', () => {
  const v = fx.vectors[0];
  const altered = { ...v.frame, parts: [textPart('changed')] };
  expect(checkHmacSignature(altered, SECRET, { nowMs: nowFor(v.frame) })).toEqual({ status: 'valid' });
  expect(checkHmacSignature(v.frame, 'other', { nowMs: nowFor(v.frame) }).status).toBe('invalid');
  expect(checkHmacSignature({ ...v.frame, message_id: 'x-out-2' }, SECRET, { nowMs: nowFor(v.frame) }).status).toBe('invalid');
});

describe('receive-side rules', () => {
  const v = fx.vectors[1];
  const now = nowFor(v.frame);

  test('R29: a wrong sig is dropped', () => {
    const frame = { ...v.frame, sig: v.expected_sig.replace(/^./, (c: string) => (c === '0' ? '1' : '0')) };
    const r = verifyInboundFrame(encodeFrame(frame), frame, { secret: SECRET, nowMs: now });
    expect(r.accept).toBe(false);
  });

  test('R30: a correctly signed frame whose ts is 3,600 s old is dropped', () => {
    const r = verifyInboundFrame(v.frame_text, v.frame, { secret: SECRET, nowMs: now + 3_600_000 });
    expect(r).toEqual({ accept: false, reason: "signed frame 'ts' is outside the ±300 s window" });
    expect(verifyInboundFrame(v.frame_text, v.frame, { secret: SECRET, nowMs: now + 299_000 })).toEqual({ accept: true, verified: ['hmac'] });
  });

  test('R31: unsigned frames pass unverified, strict mode drops them but not card frames', () => {
    const { sig: _sig, ...unsigned } = v.frame;
    const text = encodeFrame(unsigned);
    expect(verifyInboundFrame(text, unsigned, { secret: SECRET, nowMs: now })).toEqual({ accept: true, verified: [] });
    expect(verifyInboundFrame(text, unsigned, { secret: SECRET, nowMs: now, requireSignedFrames: true }).accept).toBe(false);
    const card = { type: 'acp.agent_card', message_id: 'card_969d5657ef7d', ts: v.frame.ts, card: { name: 'X' } };
    expect(verifyInboundFrame(encodeFrame(card), card, { secret: SECRET, nowMs: now, requireSignedFrames: true })).toEqual({ accept: true, verified: [] });
  });

  test('a numeric-offset ts is handled, not fatal', () => {
    const ts = '2026-11-21T17:25:43.513699+01:00';
    const frame = addHmacSignature({ ...v.frame, ts }, SECRET);
    expect(checkHmacSignature(frame, SECRET, { nowMs: now })).toEqual({ status: 'valid' });
  });

  test('without a secret, sig is ignored', () => {
    const frame = { ...v.frame, sig: 'nonsense' };
    expect(verifyInboundFrame(encodeFrame(frame), frame, { nowMs: now })).toEqual({ accept: true, verified: [] });
  });
});

describe('sig_body (Troupe extension)', () => {
  const frame = buildMessageFrame({
    from: 'TroupeA',
    role: 'user',
    parts: [textPart('hello'), { type: 'data', content: { n: 1.5, big: 12345678901234567000, u: 'é\u2028' } }],
    message_id: 'msg_000000000001',
    ts: '2026-11-21T16:25:43.370000Z',
    server_seq: 1,
  });
  const now = parseTimestamp(frame.ts) ?? 0;

  test('Troupe vector: sig_body of a fixed frame (cross-checked with Python json.dumps + hmac)', () => {
    const r = bodySignature('s3cr3t', frame);
    expect(r).toEqual({ ok: true, value: 'a20148fb747d6b28801b92fe574e1dd36c825a019471114dfa993b621a43c716' });
    // Signed again from the encoded text (what a receiver sees), the value is the same.
    expect(bodySignature('s3cr3t', encodeFrame(frame))).toEqual(r);
  });

  test('R34: altered parts with an intact sig are dropped; the unaltered frame is delivered', () => {
    const out = prepareOutboundFrame(frame, { secret: 's3cr3t', hmacBody: true });
    const options = { secret: 's3cr3t', nowMs: now, peerUsesBodySignature: true };
    expect(verifyInboundFrame(out.text, JSON.parse(out.text), options)).toEqual({ accept: true, verified: ['hmac', 'hmac-body'] });
    const tampered = out.text.replace('"hello"', '"HELLO"');
    expect(verifyInboundFrame(tampered, JSON.parse(tampered), options).accept).toBe(false);
    // Upstream's sig alone would still pass the tampered frame.
    expect(checkHmacSignature(JSON.parse(tampered), 's3cr3t', { nowMs: now })).toEqual({ status: 'valid' });
  });

  test('a peer that advertised the extension must send sig_body', () => {
    const signed = addHmacSignature(frame, 's3cr3t');
    const r = verifyInboundFrame(encodeFrame(signed), signed, { secret: 's3cr3t', nowMs: now, peerUsesBodySignature: true });
    expect(r.accept).toBe(false);
  });

  test('sig_body excludes sig, sig_body and identity, so re-signing is idempotent', () => {
    const once = addBodySignature(addHmacSignature(frame, 's3cr3t'), 's3cr3t');
    const twice = addBodySignature({ ...once, identity: { scheme: 'none' } }, 's3cr3t');
    expect(twice['sig_body']).toBe(once['sig_body']);
    expect(checkBodySignature(encodeFrame(once), once, 'wrong').status).toBe('invalid');
  });
});

test('R28: captured upstream frames are accepted with "hmac" (and "ed25519") in verified (wire part)', () => {
  for (const v of fx.vectors) {
    const r = verifyInboundFrame(v.frame_text, JSON.parse(v.frame_text), { secret: SECRET, nowMs: nowFor(v.frame) });
    const expected = v.frame.identity === undefined ? { accept: true, verified: ['hmac'] } : { accept: true, verified: ['hmac', 'ed25519'], verifiedKey: v.frame.identity.public_key };
    expect(r).toEqual(expected);
  }
});

test('R40: a queued frame is replayed with _was_queued, the same id, a fresh ts and a valid sig (wire part)', () => {
  const queued = buildMessageFrame({ from: 'TroupeA', role: 'user', parts: [textPart('hi')], message_id: 'm-q', ts: '2026-11-21T16:00:00.000000Z' });
  const flushTs = '2026-11-21T16:30:00.000000Z';
  const out = prepareOutboundFrame(requeueFrame(addHmacSignature(queued, SECRET), flushTs), { secret: SECRET });
  expect(out.frame).toMatchObject({ message_id: 'm-q', ts: flushTs, _was_queued: true });
  expect(checkHmacSignature(out.frame, SECRET, { nowMs: parseTimestamp(flushTs) ?? 0 })).toEqual({ status: 'valid' });
  // The original ts would be stale at flush time: re-stamping is what keeps the frame deliverable.
  expect(checkHmacSignature(addHmacSignature(queued, SECRET), SECRET, { nowMs: parseTimestamp(flushTs) ?? 0 }).status).toBe('stale');
});
