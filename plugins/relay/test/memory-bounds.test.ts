import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '@troupe/runtime';
import { StreamBacklog } from '../src/node/stream-backlog.js';
import { get, startNode, until, type TestNode, rawPeer } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const MB = 1024 * 1024;

describe('issue 9.4: memory bounded in bytes', () => {
  it('issue 9.4: a peer sending large frames leaves history, deque, event window and journals bounded in bytes', async () => {
    const store = memoryStore();
    const bound = 4 * MB;
    const A = await startNode({ name: 'AgentA', store, historyBytes: bound, messageDequeBytes: bound, eventLogBytes: bound });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const big = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 60; i++) raw.send({ type: 'acp.message', message_id: `big-${i}`, parts: [{ type: 'text', content: big }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 60, 20_000, 'all received');
    await until(() => A.plugin.node.inbox.recentHistory(1).history[0]?.['message_id'] === 'big-59', 5_000, 'the last one in history');
    const perFrame = big.length;
    const history = A.plugin.node.inbox.recentHistory(1_000);
    expect(history.total).toBe(60);
    expect(history.history.length).toBeLessThanOrEqual(bound / perFrame + 1);
    expect(A.plugin.node.inbox.deque.length).toBeLessThanOrEqual(bound / perFrame + 1);
    // The newest are the ones kept.
    expect(history.history.at(-1)?.['message_id']).toBe('big-59');
    // The journals (the memory store is the "disk" here) hold about one bound, never two.
    await A.plugin.node.commit.flush();
    const bytesOf = async (journal: string): Promise<number> =>
      (await store.read<unknown[]>(journal)).reduce((n, b) => n + JSON.stringify(b.record).length, 0);
    expect(await bytesOf('relay/AgentA/history')).toBeLessThanOrEqual(2 * bound + 2 * perFrame);
    expect(await bytesOf('relay/AgentA/events')).toBeLessThanOrEqual(2 * bound + 2 * perFrame);
    // Replay still works from what is kept.
    expect((await get(A.base, '/history?limit=1')).body.history[0].message_id).toBe('big-59');
    raw.close();
  }, 30_000);

  it('issue 9.4: a subscriber backlog over its bound is given up once, with its size, and released', () => {
    const writes: Buffer[] = [];
    let drain: (() => void) | undefined;
    const overflows: number[] = [];
    const backlog = new StreamBacklog(
      { write: (c) => (writes.push(c), false), onDrain: (fn) => (drain = fn) },
      1_000,
      (bytes) => overflows.push(bytes),
    );
    const chunk = Buffer.alloc(300);
    backlog.push(chunk); // written; the sink is now full
    for (let i = 0; i < 3; i++) backlog.push(chunk); // 900 waiting
    expect(overflows).toEqual([]);
    expect(backlog.bytes).toBe(900);
    drain?.(); // one more leaves, the sink is full again
    expect(writes.length).toBe(2);
    backlog.push(chunk);
    backlog.push(chunk); // 1,200 waiting: over
    expect(overflows).toEqual([1_200]);
    expect(backlog.bytes).toBe(0);
    backlog.push(chunk);
    expect(overflows).toEqual([1_200]);
    expect(writes.length).toBe(2);
  });
});
