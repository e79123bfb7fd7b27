// acp-relay.md §8 interop checklist, items marked [T]: streams and connections (65, 70, 71).
// Items 56-58, 62-63, 67 are in plugins/relay/test/tasks.test.ts, 64, 66, 68 in http-api.test.ts,
// 73-74 in rendezvous.test.ts (their titles carry the item numbers).
import { describe, expect, it } from 'vitest';
import { parseSseStream } from '@troupe/protocol-relay';
import { sseBlock } from '@troupe/plugin-relay';
import { get, post, sse, startNode, until } from '@troupe/plugin-relay/testing';
import { fixture, trackNodes } from './checklist-kit.js';

const { running } = trackNodes();

describe('§8 checklist: streams and connections', () => {
  it('item 65: our SSE framing matches the captured blocks, and parsing the captured blocks reproduces their data', () => {
    for (const e of fixture('sse-events.json').events) {
      const parsed = parseSseStream(e.raw).events;
      expect(parsed).toHaveLength(1);
      expect(JSON.parse(parsed[0]?.data ?? 'null')).toEqual(e.data);
      const ours = sseBlock({ event: e.data, text: JSON.stringify(e.data) });
      expect(ours.startsWith(e.event_line === null ? 'data: ' : `event: ${e.event_line}\ndata: `)).toBe(true);
      expect(ours).not.toMatch(/^id:/m);
    }
  });

  it('item 70 (timings shortened): a dialler reconnects after its host restarts on the same port and token, same peer_id, one disconnected and one connected event', async () => {
    const A1 = await startNode({ name: 'AgentA' });
    const port = A1.plugin.port;
    const token = A1.plugin.node.token;
    const B = await startNode({ name: 'AgentB', reconnect: { baseDelayMs: 50, maxDelayMs: 400 } });
    running.push(B);
    const stream = sse(B.base);
    await stream.headers;
    const link = A1.plugin.link;
    const { peer_id } = (await post(B.base, '/peers/connect', { link })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.connected);
    await A1.stop();
    await until(async () => !(await get(B.base, `/peers/${peer_id}`)).body.connected);
    await new Promise((r) => setTimeout(r, 1_000)); // host away for a while; B keeps retrying
    const A2 = await startNode({ name: 'AgentA', port, httpPort: 0, token });
    running.push(A2);
    const restartedAt = Date.now();
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.connected, 5_000, 'reconnected');
    expect(Date.now() - restartedAt).toBeLessThan(1_000);
    const peer = (await get(B.base, `/peers/${peer_id}`)).body;
    expect(peer.reconnect_count).toBe(1);
    expect((await get(B.base, '/status')).body.reconnect_count).toBe(1);
    expect((await get(B.base, '/link')).body.link).toBe(B.plugin.link);
    const peerEvents = stream.events.filter((e) => e.type === 'peer').map((e) => [e.event, e.peer_id]);
    expect(peerEvents).toEqual([['connected', peer_id], ['disconnected', peer_id], ['connected', peer_id]]);
    stream.close();
  });

  it('item 71: after invalid_token the dialler stops for good (its peer-link actor is closed) and shows last_error', async () => {
    const A = await startNode({ name: 'AgentA' });
    const B = await startNode({ name: 'AgentB', reconnect: { baseDelayMs: 10, maxDelayMs: 20 } });
    running.push(A, B);
    const wrong = A.plugin.link.replace(/tok_[0-9a-f]{16}/, 'tok_0000000000000000');
    const { peer_id } = (await post(B.base, '/peers/connect', { link: wrong })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.last_error === 'invalid_token');
    const before = (await get(A.base, '/status')).body;
    await new Promise((r) => setTimeout(r, 300)); // 15+ backoff periods
    const peer = B.plugin.node.peers.get(peer_id);
    expect(peer?.ref?.state === 'closed' || peer?.ref?.state === 'stopped').toBe(true);
    expect((await get(A.base, '/status')).body.peer_count).toBe(before.peer_count);
    expect((await get(A.base, '/peers')).body.count).toBe(0);
  });
});
