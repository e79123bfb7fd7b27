import { describe, expect, test } from 'vitest';
import {
  buildAgentCardFrame,
  buildInvalidTokenFrame,
  buildMessageFrame,
  buildReplyFrame,
  failedReplyError,
  replyError,
  buildTaskDelegateFrame,
  buildTaskUpdatedFrame,
  decodeFrame,
  dedupeKey,
  encodeFrame,
  inboundMessageEntry,
  INVALID_TOKEN_CLOSE,
  legacyEntry,
  legacyMessageEvent,
  requeueFrame,
  taskUpdateStatus,
  textPart,
  type PeerFrame,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

function decoded(text: string): PeerFrame {
  const r = decodeFrame(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function refused(text: string): string {
  const r = decodeFrame(text);
  if (r.ok) throw new Error(`expected an error for ${text.slice(0, 80)}`);
  return r.error.message;
}

test('R1: the invalid-token frame is {"type":"error","code":"invalid_token"}, closed with 1000 and an empty reason', () => {
  const fx = loadFixture('error-invalid-token.json');
  expect(JSON.parse(encodeFrame(buildInvalidTokenFrame()))).toEqual(fx.frames[0]);
  expect(INVALID_TOKEN_CLOSE).toEqual(fx.close);
  expect(decoded(fx.frames_text[0])).toEqual({ kind: 'error', frame: fx.frames[0] });
});

test('R2: a card frame has a card_ + 12 hex id and a six-digit ts', () => {
  const frame = buildAgentCardFrame({ card: { name: 'TroupeA' } });
  expect(frame.message_id).toMatch(/^card_[0-9a-f]{12}$/);
  expect(frame.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  expect(decoded(encodeFrame(frame))).toEqual({ kind: 'agent_card', frame });
  expect(refused('{"type":"acp.agent_card","message_id":"card_1"}')).toBe("acp.agent_card frame: missing required field 'card'");
});

describe('acp.message', () => {
  const fx = loadFixture('message-frame-three-parts.json');

  test('R10: the captured upstream three-part frame decodes with parts, role and context unchanged (wire part)', () => {
    const r = decoded(encodeFrame(fx.frame));
    expect(r.kind).toBe('message');
    expect(r.frame).toEqual(fx.frame);
  });

  test('R11: a Troupe-built text+data+file message equals the captured frame member for member (wire part)', () => {
    const built = buildMessageFrame({
      from: 'AgentB', role: 'user', parts: fx.sender_http_request.body.parts, message_id: 'msg-demo-1',
      ts: fx.frame.ts, server_seq: 1, context_id: 'ctx-1',
    });
    expect(encodeFrame(built)).toBe(encodeFrame(fx.frame));
    expect(() => buildMessageFrame({ from: 'a', role: 'user', parts: [] })).toThrow(RangeError);
  });

  test('unknown members and unknown part types ride along', () => {
    const text = '{"type":"acp.message","message_id":"m","parts":[{"type":"image","x":1}],"x-extra":{"a":[1]},"to_peer":"peer_001","server_seq":"not validated"}';
    const r = decoded(text);
    expect(r.kind).toBe('message');
    expect(encodeFrame(r.frame)).toBe(text);
  });

  test('R16: a frame with non-empty parts and no type is a message', () => {
    expect(decoded('{"message_id":"m1","parts":[{"type":"text","content":"x"}]}').kind).toBe('message');
  });

  test('wrong member types are refused with a sentence naming the member', () => {
    expect(refused('{"type":"acp.message","message_id":"m","parts":[1]}')).toBe('acp.message frame: parts[0] must be an object');
    expect(refused('{"type":"acp.message","from":5,"parts":[{}]}')).toBe("frame: field 'from' must be a string, got integer");
    expect(refused('{"type":"acp.message","parts":[{}],"task_id":[]}')).toBe("acp.message frame: field 'task_id' must be a string, got array");
    expect(refused('{"type":"acp.message","parts":"hi"}')).toBe("acp.message frame: field 'parts' must be an array, got string");
    expect(decoded('{"type":"acp.message","parts":[{}],"task_id":null}').kind).toBe('message'); // null = absent
  });
});

describe('acp.reply', () => {
  const fx = loadFixture('reply-frames.json');
  test('both captured replies decode (content null + parts, and parts only)', () => {
    expect(decoded(encodeFrame(fx.reply_from_relay))).toEqual({ kind: 'reply', frame: fx.reply_from_relay });
    expect(decoded(encodeFrame(fx.reply_from_raw_client))).toEqual({ kind: 'reply', frame: fx.reply_from_raw_client });
  });
  test('builder and required correlation_id', () => {
    const built = buildReplyFrame({ from: 'WireProbe', correlation_id: 'x-sync-1', parts: [textPart('answer')], message_id: 'probe-reply-1', ts: '2026-11-21T16:25:43.515208Z' });
    expect(built).toEqual(fx.reply_from_raw_client);
    expect(refused('{"type":"acp.reply","message_id":"r"}')).toBe("acp.reply frame: missing required field 'correlation_id'");
  });
  test('issue 9.5: a failed turn is a reply with error_code and error instead of parts (Troupe extension)', () => {
    const built = buildReplyFrame({ from: 'B', correlation_id: 'm1', error: { code: 'ERR_AGENT_FAILED', message: 'boom\nsecond line' }, message_id: 'r1', ts: '2026-11-21T16:25:43.515208Z' });
    expect(built).toEqual({ type: 'acp.reply', message_id: 'r1', ts: '2026-11-21T16:25:43.515208Z', from: 'B', correlation_id: 'm1', error_code: 'ERR_AGENT_FAILED', error: 'boom second line' });
    const back = decoded(encodeFrame(built));
    expect(back.kind === 'reply' && replyError(back.frame)).toEqual({ code: 'ERR_AGENT_FAILED', message: 'boom second line' });
    expect(replyError(fx.reply_from_relay)).toBeUndefined();
    expect(refused('{"type":"acp.reply","correlation_id":"m1","error":5}')).toBe("acp.reply frame: field 'error' must be a string, got integer");
    expect(failedReplyError(built, { failed_message_id: 'm1' })).toEqual({
      status: 502,
      body: { ok: false, error_code: 'ERR_AGENT_FAILED', error: 'boom second line', failed_message_id: 'm1', reply: built },
    });
    expect(failedReplyError({ ...built, error_code: 'ERR_SOMETHING_NEW' })?.body.error_code).toBe('ERR_AGENT_FAILED');
    expect(failedReplyError(fx.reply_from_relay)).toBeUndefined();
  });
});

describe('task frames', () => {
  test('task.updated: builder, default status, unknown states refused', () => {
    const frame = buildTaskUpdatedFrame({ from: 'AgentB', task_id: 't1', status: 'completed', artifact: { parts: [textPart('done')] } });
    expect(decoded(encodeFrame(frame))).toEqual({ kind: 'task_updated', frame });
    const noStatus = decoded('{"type":"task.updated","task_id":"t1","artifact":null}');
    expect(noStatus.kind === 'task_updated' && taskUpdateStatus(noStatus.frame)).toBe('working');
    expect(refused('{"type":"task.updated","task_id":"t1","status":"bogus"}')).toMatch(/^task\.updated frame: field 'status' is 'bogus', which is not a task state/);
    expect(() => buildTaskUpdatedFrame({ from: 'a', task_id: 't', status: 'cancelling' as never })).toThrow(RangeError);
  });

  test('task.delegate: the captured legacy entry content decodes as a delegation', () => {
    const entry = loadFixture('recv-entries.json').second_drain.body.messages[3];
    expect(decoded(encodeFrame(entry.content))).toEqual({ kind: 'task_delegate', frame: entry.content });
    const built = buildTaskDelegateFrame({ from: 'AgentA', task_id: 'task-del', payload: entry.content.payload, message_id: entry.content.message_id, ts: entry.content.ts });
    expect(built).toEqual(entry.content);
    expect(refused('{"type":"task.delegate","task_id":"t"}')).toBe("task.delegate frame: missing required field 'payload'");
  });

  test('a :continue frame without server_seq and a frame with to_peer are plain messages', () => {
    for (const m of loadFixture('recv-entries.json').second_drain.body.messages.slice(0, 3)) expect(decoded(encodeFrame(m.raw)).kind).toBe('message');
    const directed = loadFixture('recv-entries.json').first_drain.body.messages[3].raw;
    expect(decoded(encodeFrame(directed)).kind).toBe('message');
  });
});

test('R12: duplicates share one dedupe key (message_id, else id) (wire part)', () => {
  const a = decoded('{"type":"acp.message","message_id":"dup","parts":[{"type":"text","content":"1"}]}');
  const b = decoded('{"type":"acp.message","message_id":"dup","parts":[{"type":"text","content":"2"}]}');
  expect(dedupeKey(a.frame)).toBe('dup');
  expect(dedupeKey(a.frame)).toBe(dedupeKey(b.frame));
  expect(dedupeKey({ id: 'legacy-1' })).toBe('legacy-1');
  expect(dedupeKey({ type: 'x' })).toBeUndefined();
});

test('R14: non-JSON text and a JSON array are refused without throwing', () => {
  expect(refused('not json')).toMatch(/^frame is not valid JSON/);
  expect(refused('[1,2]')).toBe('frame is a JSON array, not an object');
  expect(refused('null')).toBe('frame is a JSON null, not an object');
  expect(decodeFrame(new Uint8Array([123, 125])).ok).toBe(false);
});

test('R15: 1,048,577 bytes are refused, 1,000,000 bytes are accepted', () => {
  const frame = (size: number): string => {
    const head = '{"type":"acp.message","message_id":"big","parts":[{"type":"text","content":"';
    const tail = '"}]}';
    return head + 'x'.repeat(size - head.length - tail.length) + tail;
  };
  expect(frame(1_048_577)).toHaveLength(1_048_577);
  expect(refused(frame(1_048_577))).toBe('frame is 1048577 bytes, over the 1048576-byte limit');
  expect(decoded(frame(1_000_000)).kind).toBe('message');
  // Multi-byte characters count in UTF-8 bytes.
  expect(decodeFrame(`{"parts":[{"c":"${'é'.repeat(524_280)}"}]}`).ok).toBe(false);
});

test('R17: a weird frame becomes a legacy entry and an agent text event', () => {
  const text = '{"type":"weird.type","message_id":"w1"}';
  const r = decoded(text);
  expect(r.kind).toBe('legacy');
  const entry = legacyEntry(r.frame, { receivedAtMs: 1_795_278_290_251.69, peerId: 'peer_001', verified: [] });
  expect(entry).toMatchObject({ id: 'w1', message_id: 'w1', content: { type: 'weird.type', message_id: 'w1' }, peer_id: 'peer_001', verified: [] });
  expect(typeof entry['received_at']).toBe('number');
  const event = legacyMessageEvent(r.frame, 'peer_001');
  expect(event).toMatchObject({ type: 'message', role: 'agent', parts: [{ type: 'text', content: text }] });
  expect(event).not.toHaveProperty('task_id');
});

test('R21: verification flags sent by a peer are stripped', () => {
  const r = decoded('{"type":"acp.message","message_id":"m","parts":[{}],"_ed25519_verified":true,"_sig_invalid":false,"_verified":1,"_was_queued":true}');
  expect(r.frame).not.toHaveProperty('_ed25519_verified');
  expect(r.frame).not.toHaveProperty('_sig_invalid');
  expect(r.frame).not.toHaveProperty('_verified');
  expect(r.frame).toHaveProperty('_was_queued', true);
});

test('inbound entries keep upstream key names and types', () => {
  const fx = loadFixture('message-frame-three-parts.json');
  const r = decoded(encodeFrame(fx.frame));
  if (r.kind !== 'message') throw new Error('not a message');
  const entry = inboundMessageEntry(r.frame, { receivedAtMs: 1_795_278_276_670.323, peerId: 'peer_001', verified: ['hmac'] });
  const { peer_id, verified, received_at, ...upstreamShape } = entry;
  const { received_at: capturedAt, ...capturedShape } = fx.receiver_record;
  expect(upstreamShape).toEqual(capturedShape);
  expect(Object.keys(entry).slice(0, 8)).toEqual(Object.keys(fx.receiver_record));
  expect(received_at).toBeCloseTo(capturedAt, 5); // a unix float, like upstream's
  expect([peer_id, verified]).toEqual(['peer_001', ['hmac']]);
});

test('requeueFrame keeps the id, stamps a new ts and drops old signatures', () => {
  const queued = { type: 'acp.message', message_id: 'm-q', ts: 'old', parts: [textPart('hi')], sig: 'x', identity: { scheme: 'ed25519' } };
  expect(requeueFrame(queued, 'new')).toEqual({ type: 'acp.message', message_id: 'm-q', ts: 'new', parts: [textPart('hi')], _was_queued: true });
});

test('a __proto__ member stays an own, preserved member', () => {
  const text = '{"type":"x","__proto__":{"polluted":true},"message_id":"p"}';
  const r = decoded(text);
  expect(Object.getPrototypeOf(r.frame)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(encodeFrame(r.frame)).toBe(text);
});
