import { describe, expect, test } from 'vitest';
import {
  artifactEvent,
  decodeFrame,
  EventSequence,
  formatSseBlock,
  formatSseComment,
  formatStreamEvent,
  inboundMessageEvent,
  outboundMessageEvent,
  parseSinceParam,
  parseSseStream,
  peerConnectedEvent,
  peerDisconnectedEvent,
  planReplay,
  relayFallbackEvent,
  SSE_HEADERS,
  SSE_KEEPALIVE,
  stampEvent,
  statusEvent,
  toWsStreamFrame,
  type EventEnvelope,
  type MessageFrame,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const fx = loadFixture('sse-events.json');

test('R64: response head and the first bytes of a stream', () => {
  expect(SSE_HEADERS).toEqual(fx.response_headers);
  expect(SSE_KEEPALIVE).toBe(fx.keepalive);
  expect(SSE_KEEPALIVE).toBe(': keepalive\n\n');
});

describe('R65: framing', () => {
  test('status/artifact blocks carry their event line, message/peer blocks do not, and no id line is written', () => {
    for (const e of fx.events) {
      const block = formatStreamEvent(e.data);
      const expectedHead = e.event_line === null ? 'data: ' : `event: ${e.event_line}\ndata: `;
      expect(block.startsWith(expectedHead), e.label).toBe(true);
      expect(block.endsWith('\n\n')).toBe(true);
      expect(block).not.toMatch(/^id:/m);
      expect(block.split('\n')).toHaveLength(e.event_line === null ? 3 : 4);
      // Same structure as the captured block; only the JSON separators differ.
      const parsed = parseSseStream(block).events;
      expect(parsed).toHaveLength(1);
      expect(JSON.parse(parsed[0]?.data ?? '')).toEqual(e.data);
    }
  });

  test('a parser fed the captured blocks reproduces their data objects', () => {
    for (const e of fx.events) {
      const { events } = parseSseStream(e.raw);
      expect(events).toEqual([{ event: e.event_line ?? 'message', data: expect.any(String) }]);
      expect(JSON.parse(events[0]?.data ?? '')).toEqual(e.data);
    }
    const stream = parseSseStream(fx.streams[1].raw_text);
    expect(stream.comments.every((c) => c === 'keepalive')).toBe(true);
    expect(stream.events.map((x) => JSON.parse(x.data).seq)).toEqual([4, 5, 6, 7, 8]);
  });

  test('generic blocks split multi-line data; comments stay one line', () => {
    expect(formatSseBlock({ id: '7', data: 'a\nb' })).toBe('id: 7\ndata: a\ndata: b\n\n');
    expect(parseSseStream(formatSseBlock({ id: '7', data: 'a\nb' })).events).toEqual([{ event: 'message', data: 'a\nb', id: '7' }]);
    expect(formatSseComment('replay-gap\n3')).toBe(': replay-gap 3\n\n');
    expect(() => formatSseBlock({ event: 'x\ny', data: '' })).toThrow(RangeError);
  });
});

describe('event shapes', () => {
  test('builders reproduce the captured upstream events (Troupe only adds members)', () => {
    const byLabel = (label: string): EventEnvelope => fx.events.find((e: { label: string }) => e.label.startsWith(label)).data;
    const submitted = byLabel('status submitted');
    expect(stampEvent(statusEvent({ id: 'task_a1128ab0c6ff', status: 'submitted' }, { creation: true }), 4, submitted.ts)).toEqual(submitted);
    const working = byLabel('status working (error: null)');
    expect(stampEvent(statusEvent({ id: 'task_a1128ab0c6ff', status: 'working' }), 5, working.ts)).toEqual(working);
    const artifact = byLabel('artifact (applied');
    expect(stampEvent(artifactEvent({ id: 'task_a1128ab0c6ff' }, artifact['artifact'] as never), 8, artifact.ts)).toEqual(artifact);
    const connected = byLabel('peer.connected');
    expect(stampEvent(peerConnectedEvent('sess_9cd4944b3b2b', 'peer_001'), 1, connected.ts)).toEqual({ ...connected, peer_id: 'peer_001' });
    expect(Object.keys(stampEvent(peerDisconnectedEvent('peer_001'), 15, 't')).slice(0, 3)).toEqual(['type', 'ts', 'seq']);
    expect(relayFallbackEvent('peer_001')).toMatchObject({ event: 'relay_fallback', reason: 'direct_failed' });
  });

  test('inbound message events add from, context_id, peer_id, direction and correlation_id (§7.6)', () => {
    const three = loadFixture('message-frame-three-parts.json');
    const r = decodeFrame(JSON.stringify(three.frame));
    if (!r.ok || r.value.kind !== 'message') throw new Error('not a message');
    const upstreamEvent = byUpstream(three.receiver_sse);
    const event = stampEvent(inboundMessageEvent(r.value.frame, 'peer_001'), upstreamEvent.seq, upstreamEvent.ts);
    expect(event).toEqual({ ...upstreamEvent, from: 'AgentB', context_id: 'ctx-1', peer_id: 'peer_001', direction: 'inbound' });
    const sync = inboundMessageEvent({ ...r.value.frame, correlation_id: 'msg-demo-1' }, 'peer_001');
    expect(sync['correlation_id']).toBe('msg-demo-1');
  });

  test('outbound message events match the captured one', () => {
    const captured = fx.events.find((e: { label: string }) => e.label.startsWith('message outbound (local')).data;
    const frame: MessageFrame = { type: 'acp.message', message_id: captured.message_id, role: 'agent', parts: captured.parts };
    expect(stampEvent(outboundMessageEvent(frame), 3, captured.ts)).toEqual(captured);
    expect(outboundMessageEvent(frame, { peerId: 'peer_002', queued: true })).toMatchObject({ peer_id: 'peer_002', queued: true });
  });
});

function byUpstream(raw: string): EventEnvelope {
  return JSON.parse(parseSseStream(raw).events[0]?.data ?? '{}');
}

test('R66: seq advances by exactly 1; ?since=N replays every later event once, in order (seq part)', () => {
  const seq = new EventSequence();
  const log = Array.from({ length: 1_000 }, (_, i) => stampEvent({ type: i % 3 === 0 ? 'status' : 'message' }, seq.next(), 't'));
  expect(log.every((e, i) => e.seq === i + 1)).toBe(true);
  const plan = planReplay(log.slice(500), 700); // the log only keeps the last 500
  expect(plan.events.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => 701 + i));
  expect(plan.highWater).toBe(1_000);
  expect(plan).not.toHaveProperty('gapFrom');
  const old = planReplay(log.slice(500), 10);
  expect(old.gapFrom).toBe(501);
  expect(old.events).toHaveLength(500);
  expect(planReplay([], 5)).toEqual({ events: [], highWater: 5 });
  expect(new EventSequence(41).next()).toBe(42);
  expect([parseSinceParam('0'), parseSinceParam('12'), parseSinceParam('x'), parseSinceParam('-1'), parseSinceParam(null)]).toEqual([0, 12, undefined, undefined, undefined]);
});

test('R68: /ws/stream frames name the sender in from and carry role; replays share names and shapes (frame part)', () => {
  const status = fx.events.find((e: { label: string }) => e.label.startsWith('status submitted')).data;
  expect(toWsStreamFrame(status, 'AgentA')).toEqual({ event: 'acp.task.status', data: status });
  const inbound = stampEvent({ type: 'message', message_id: 'ws-stream-1', role: 'user', parts: [{ type: 'text', content: 'hi' }], task_id: null, from: 'AgentB', context_id: null, peer_id: 'peer_001', direction: 'inbound' }, 2, 'ts-2');
  expect(toWsStreamFrame(inbound, 'AgentA')).toEqual({
    event: 'acp.message',
    data: { message_id: 'ws-stream-1', from: 'AgentB', role: 'user', parts: [{ type: 'text', content: 'hi' }], timestamp: 'ts-2', server_seq: 2, task_id: null, context_id: null, direction: 'inbound', peer_id: 'peer_001' },
  });
  expect(toWsStreamFrame({ ...inbound, direction: 'outbound' }, 'AgentA').data['from']).toBe('AgentA');
  expect(toWsStreamFrame(stampEvent({ type: 'peer', event: 'connected' }, 1, 't'), 'A').event).toBe('acp.peer');
  expect(toWsStreamFrame(stampEvent({ type: 'mdns' }, 1, 't'), 'A').event).toBe('acp.mdns');
});
