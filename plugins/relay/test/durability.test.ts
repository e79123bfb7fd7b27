import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryStore, type Store } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';
import { connectedPair, get, post, sse, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'troupe-relay-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('durability across restarts (lmdb store)', () => {
  it('keeps the token, the event seq and the replay window, and the default queue', async () => {
    const dir = tempDir();
    const A1 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dir }) });
    const link1 = A1.plugin.link;
    await post(A1.base, '/tasks', { role: 'user', task_id: 'before-restart' });
    const q = await post(A1.base, '/message:send', { role: 'user', message_id: 'queued-1', text: 'kept' });
    expect(q.status).toBe(202);
    const seqBefore = (await get(A1.base, '/status')).body.event_seq;
    await A1.stop();
    const A2 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dir }) });
    running.push(A2);
    expect(A2.plugin.node.token).toBe(link1.split('/').pop());
    expect((await get(A2.base, '/offline-queue')).body.total_queued).toBe(1);
    const replay = sse(A2.base, '/stream?since=0');
    await until(() => replay.events.length >= seqBefore);
    expect(replay.events[0]).toMatchObject({ type: 'status', task_id: 'before-restart', seq: 1 });
    const B = await startNode({ name: 'AgentB' });
    running.push(B);
    await post(B.base, '/peers/connect', { link: A2.plugin.link });
    const got = await until(async () => (await get(B.base, '/recv')).body.messages.find((m: any) => m.message_id === 'queued-1'));
    expect(got.raw._was_queued).toBe(true);
    const connected = await until(() => replay.events.find((e) => e.type === 'peer' && e.event === 'connected'));
    expect(connected.seq).toBeGreaterThan(seqBefore);
    replay.close();
  });

  it('a dialler queues for its absent peer, restarts, reconnects and delivers once', async () => {
    const dirB = tempDir();
    const dirA = tempDir();
    const A1 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dirA }) });
    const port = A1.plugin.port;
    let B = await startNode({ name: 'AgentB', store: lmdbStore({ path: dirB }), reconnect: { baseDelayMs: 50, maxDelayMs: 200 } });
    const { peer_id } = (await post(B.base, '/peers/connect', { link: A1.plugin.link })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.connected);
    await A1.stop();
    await until(async () => !(await get(B.base, `/peers/${peer_id}`)).body.connected);
    const q1 = await post(B.base, '/message:send', { role: 'user', message_id: 'while-away-1', text: 'one', peer_id });
    const q2 = await post(B.base, '/message:send', { role: 'user', message_id: 'while-away-2', text: 'two' });
    expect([q1.status, q2.status]).toEqual([202, 202]);
    expect(q1.body.peer_id).toBe(peer_id);
    await B.stop();
    B = await startNode({ name: 'AgentB', store: lmdbStore({ path: dirB }), reconnect: { baseDelayMs: 50, maxDelayMs: 200 } });
    running.push(B);
    expect((await get(B.base, '/offline-queue')).body.queue[peer_id].depth).toBe(2);
    const A2 = await startNode({ name: 'AgentA', store: lmdbStore({ path: dirA }), port, httpPort: 0 });
    running.push(A2);
    const recv = await until(async () => {
      const r = (await get(A2.base, '/history')).body.history;
      return r.length >= 2 ? r : undefined;
    }, 10_000, 'queued messages after restart');
    expect(recv.map((m: any) => m.message_id)).toEqual(['while-away-1', 'while-away-2']);
    expect((await get(B.base, '/peers')).body.peers[0].id).toBe(peer_id);
    // a resend of the same id after the restart is still deduped on A
    await post(B.base, '/message:send', { role: 'user', message_id: 'while-away-1', text: 'again', peer_id });
    await new Promise((r) => setTimeout(r, 100));
    expect((await get(A2.base, '/status')).body.messages_deduped).toBe(1);
  });
});

/** A memory store whose journal appends wait while `held` is true (a slow disk, on demand). */
function gatedStore(): { store: Store; hold: () => void; release: () => void } {
  const inner = memoryStore();
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const store: Store = Object.create(inner) as Store;
  store.append = async (journal, record) => {
    if (gate !== undefined) await gate;
    return inner.append(journal, record);
  };
  return {
    store,
    hold: () => {
      gate = new Promise((r) => (open = r));
    },
    release: () => {
      gate = undefined;
      open();
    },
  };
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
};

describe('issue 9.2: durable before shown or acknowledged', () => {
  it('issue 9.2: an event reaches /stream only once its journal write is done', async () => {
    const gated = gatedStore();
    const A = await startNode({ name: 'AgentA', store: gated.store });
    running.push(A);
    const stream = sse(A.base);
    await stream.headers;
    gated.hold();
    expect((await post(A.base, '/tasks', { role: 'user', task_id: 'held' })).status).toBe(201);
    await turns(20);
    expect(stream.events.filter((e) => e.task_id === 'held')).toEqual([]);
    gated.release();
    await until(() => stream.events.some((e) => e.task_id === 'held'), 5_000, 'the event after its write');
    stream.close();
  });

  it('issue 9.2: a receiver acknowledges a message only after its history write; the sender keeps it until then', async () => {
    const gated = gatedStore();
    const { A, B, bPeerOnA } = await connectedPair({ store: gated.store });
    running.push(A, B);
    const peerOnA = A.plugin.node.peers.get(bPeerOnA);
    const aPeerOnB = [...B.plugin.node.peers.peers.values()][0];
    await until(() => aPeerOnB?.ackMode === 'acks', 5_000, 'acks negotiated');
    gated.hold();
    expect((await post(B.base, '/message:send', { role: 'user', text: 'held', message_id: 'held-1' })).status).toBe(200);
    await until(() => A.plugin.node.inbox.deque.some((d) => d.entry['message_id'] === 'held-1'), 5_000, 'A received it');
    await turns(20);
    expect(aPeerOnB?.inflight.has('held-1')).toBe(true);
    gated.release();
    await until(() => aPeerOnB?.inflight.has('held-1') === false, 5_000, 'the ack after the write');
    expect(peerOnA?.ackMode).toBe('acks');
  });
});
