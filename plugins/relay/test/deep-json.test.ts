/**
 * Issue 9.3: deeply nested JSON. Every way JSON enters a node (HTTP bodies, peer frames, cards)
 * is bounded in nesting depth, so nothing is stored that the node cannot serve again; an answer
 * that cannot be encoded is a 500 in the API's envelope, and `/recv` removes nothing it did not
 * answer with. Real loopback sockets; the peer is a raw WebSocket client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '@troupe/protocol-relay';
import { lmdbStore } from '@troupe/store-lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, startNode, until, type TestNode, RawClient, rawPeer, type RawPeer } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
const peers: RawPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

async function node(): Promise<TestNode> {
  const n = await startNode();
  running.push(n);
  return n;
}

async function peerOf(n: TestNode): Promise<RawPeer> {
  const p = await rawPeer(n.plugin.port, n.plugin.node.token);
  peers.push(p);
  return p;
}

/** `levels` arrays nested in each other, as text (JSON.stringify itself could not write it). */
const deepText = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** A value nested `levels` deep (arrays), built without recursion. */
function deepValue(levels: number): unknown[] {
  const outer: unknown[] = [];
  let inner = outer;
  for (let i = 1; i < levels; i++) {
    const next: unknown[] = [];
    inner.push(next);
    inner = next;
  }
  return outer;
}

/** The routes that serve received messages, peers and the card: each must answer 200 in JSON. */
const SERVING = ['/history', '/messages', '/status', '/peers', '/.well-known/acp.json', '/tasks', '/offline-queue'];

async function expectServing(n: TestNode): Promise<void> {
  for (const path of SERVING) {
    const r = await get(n.base, path);
    expect(r.status, path).toBe(200);
    expect(typeof r.body, path).toBe('object');
  }
}

describe('issue 9.3: deeply nested JSON', () => {
  it('issue 9.3: a 5,000-level array in a POST /tasks body is refused 400 ERR_INVALID_REQUEST; /tasks keeps answering', async () => {
    const A = await node();
    const body = `{"payload":{"deep":${deepText(5_000)}}}`;
    expect(Buffer.byteLength(body)).toBeLessThan(11_000);
    for (const path of ['/tasks', '/tasks/create', '/message:send']) {
      const r = await post(A.base, path, body);
      expect(r.status, path).toBe(400);
      expect(r.body, path).toEqual({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: `Invalid JSON in request body: JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    }
    const list = await get(A.base, '/tasks');
    expect(list.status).toBe(200);
    expect(list.body.tasks).toEqual([]);
  });

  it('issue 9.3: a body as deep as the limit allows is stored and served back by /tasks and /tasks/{id}', async () => {
    const A = await node();
    // {"payload":{"deep": X}}: the body is two levels deeper than X.
    const deep = deepValue(MAX_JSON_DEPTH - 2);
    const r = await post(A.base, '/tasks', { payload: { role: 'user', deep } });
    expect(r.status).toBe(201);
    const id = r.body.task.id as string;
    expect((await get(A.base, '/tasks')).status).toBe(200);
    const one = await get(A.base, `/tasks/${encodeURIComponent(id)}`);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).toContain(deepText(MAX_JSON_DEPTH - 2));
  });

  it('issue 9.3: a deep data part from a peer is dropped and reported; /history, /messages and /recv keep answering', async () => {
    const A = await node();
    const raw = await peerOf(A);
    raw.send(`{"type":"acp.message","message_id":"deep-1","parts":[{"type":"data","data":${deepText(5_000)}}]}`);
    raw.send({ type: 'acp.message', message_id: 'after-1', parts: [{ type: 'text', content: 'still here' }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 1, 5_000, 'the shallow message');
    const status = (await get(A.base, '/status')).body;
    expect(status.messages_rejected).toBe(1);
    await expectServing(A);
    const recv = await get(A.base, '/recv');
    expect(recv.status).toBe(200);
    expect(recv.body.messages.map((m: any) => m.message_id ?? m.id)).toEqual(['after-1']);
  });

  it('issue 9.3: a data part as deep as the limit allows is stored, and /history, /messages, /recv and /stream serve it', async () => {
    const A = await node();
    const raw = await peerOf(A);
    // frame { parts [ part { data X } ] }: three levels above X.
    const levels = MAX_JSON_DEPTH - 3;
    raw.send(`{"type":"acp.message","message_id":"deep-ok","parts":[{"type":"data","data":${deepText(levels)}}]}`);
    await until(async () => (await get(A.base, '/status')).body.messages_received === 1, 5_000, 'the deep message');
    expect((await get(A.base, '/status')).body.messages_rejected).toBe(0);
    await expectServing(A);
    expect(JSON.stringify((await get(A.base, '/history')).body)).toContain(deepText(levels));
    expect(JSON.stringify((await get(A.base, '/messages')).body)).toContain(deepText(levels));
    const c = await RawClient.open(A.plugin.httpPort);
    try {
      await c.write('GET /stream?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect((await c.readThrough(deepText(levels))).length).toBeGreaterThan(levels * 2);
    } finally {
      c.destroy();
    }
    const recv = await get(A.base, '/recv');
    expect(recv.status).toBe(200);
    expect(recv.body.count).toBe(1);
    expect(JSON.stringify(recv.body)).toContain(deepText(levels));
  });

  it('issue 9.3: a deep unsigned card from a peer is dropped; /status, /peers and the card keep answering', async () => {
    const A = await node();
    const raw = await peerOf(A);
    raw.send(`{"type":"acp.agent_card","card":{"name":"Deep","description":${deepText(5_000)}}}`);
    raw.send({ type: 'acp.agent_card', card: { name: 'Shallow' } });
    await until(async () => (await get(A.base, '/peers')).body.peers.some((p: any) => p.agent_name === 'Shallow'), 5_000, 'the shallow card');
    expect((await get(A.base, '/status')).body.messages_rejected).toBe(1);
    await expectServing(A);
  });

  it('issue 9.3: an answer that cannot be encoded is a 500 envelope on both paths, and /recv then removes nothing', async () => {
    const A = await node();
    const raw = await peerOf(A);
    raw.send({ type: 'acp.message', message_id: 'm-1', parts: [{ type: 'text', content: 'one' }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 1, 5_000, 'the message');
    // A value no decoder lets in any more (a data dir written before the bound could hold one).
    const entry = A.plugin.node.inbox.deque[0]?.entry as Record<string, unknown>;
    entry['poison'] = deepValue(20_000);
    for (const head of ['GET /recv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'GET /recv HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n']) {
      const c = await RawClient.open(A.plugin.httpPort);
      try {
        await c.write(head);
        const r = await c.response();
        expect(r.status, head).toBe(500);
        expect(JSON.parse(r.body)).toEqual({ ok: false, error_code: 'ERR_INTERNAL', error: 'the answer could not be encoded' });
      } finally {
        c.destroy();
      }
    }
    expect(A.plugin.node.inbox.deque).toHaveLength(1);
    delete entry['poison'];
    const recv = await get(A.base, '/recv');
    expect(recv.body.count).toBe(1);
    expect(A.plugin.node.inbox.deque).toHaveLength(0);
  });

  it('issue 9.3: a deep record a data dir kept from before the bound is left out on restart; /history answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-deep-'));
    try {
      const A1 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dir }) });
      const raw = await rawPeer(A1.plugin.port, A1.plugin.node.token);
      raw.send({ type: 'acp.message', message_id: 'kept', parts: [{ type: 'text', content: 'kept' }] });
      await until(async () => (await get(A1.base, '/status')).body.messages_received === 1);
      // What an older node stored: the frame text of a deep data part, written to the history journal.
      const deepFrame = `{"type":"acp.message","message_id":"deep","parts":[{"type":"data","data":${deepText(5_000)}}]}`;
      A1.plugin.node.inbox.addInbound({ message_id: 'deep' }, undefined, deepFrame, { receivedAtMs: Date.now(), peerId: 'peer_001', verified: [] });
      raw.close();
      await A1.stop();
      const A2 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dir }) });
      running.push(A2);
      const history = await get(A2.base, '/history');
      expect(history.status).toBe(200);
      expect(history.body.history.map((h: any) => h.message_id)).toEqual(['kept']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
