import { describe, expect, it } from 'vitest';
import {
  buildMessageFrame, inboundMessageEntry, inboundMessageEvent, outboundMessageEvent, outboundRecord, type MessageFrame,
} from '@troupe/protocol-relay';
import { inboundDequeEntry, inboundEventBody, messageFrameLiteral, outboundDequeRecord, outboundEventBody } from '@troupe/plugin-relay';

// The plugin builds its per-message objects as literals for speed; they must stay byte-identical
// (members, order, values) to the protocol package's builders.
const same = (a: unknown, b: unknown): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

const variants = [
  { message_id: 'm1', server_seq: 1, ts: '2026-11-21T16:24:36.667292Z', from: 'A', role: 'user' as const, parts: [{ type: 'text', content: 'x' }] },
  { message_id: 'm2', server_seq: 7, ts: '2026-11-21T16:24:36.667292Z', from: 'A', role: 'agent' as const, parts: [{ type: 'data', content: { k: [1, 2] } }], task_id: 't', context_id: 'c', correlation_id: 'm2' },
  { message_id: 'm3', server_seq: 2, ts: '2026-11-21T16:24:36.667292Z', from: 'A', role: 'user' as const, parts: [{ type: 'file', url: 'u' }], context_id: 'c' },
];

describe('hot-path object literals match the protocol builders', () => {
  it.each(variants)('frame, events and deque records of $message_id', (v) => {
    const ours = messageFrameLiteral(v);
    const theirs = buildMessageFrame(v);
    same(ours, theirs);
    for (const queued of [false, true]) same(outboundEventBody(ours, 'peer_001', queued), outboundMessageEvent(theirs, queued ? { peerId: 'peer_001', queued: true } : { peerId: 'peer_001' }));
    same(outboundDequeRecord(ours, 1_790_000_000_123, 'peer_002'), outboundRecord(theirs, { sentAtMs: 1_790_000_000_123, toPeerId: 'peer_002' }));
    const received: MessageFrame = JSON.parse(JSON.stringify(theirs));
    same(inboundEventBody(received, 'peer_003'), inboundMessageEvent(received, 'peer_003'));
    for (const ctx of [
      { receivedAtMs: 1_790_000_000_500, peerId: 'peer_003', verified: [] },
      { receivedAtMs: 1_790_000_000_500, peerId: 'peer_003', verified: ['hmac', 'ed25519'] as ('hmac' | 'ed25519')[], verifiedKey: 'k' },
    ]) same(inboundDequeEntry(received, ctx), inboundMessageEntry(received, ctx));
  });

  it('an untyped frame keyed by id only', () => {
    const frame = { id: 'legacy-id', parts: [{ type: 'text', content: 'x' }] } as unknown as MessageFrame;
    same(inboundEventBody(frame, 'p'), inboundMessageEvent(frame, 'p'));
    same(inboundDequeEntry(frame, { receivedAtMs: 1, peerId: 'p', verified: [] }), inboundMessageEntry(frame, { receivedAtMs: 1, peerId: 'p', verified: [] }));
  });
});
