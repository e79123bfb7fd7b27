import { afterEach, describe, expect, it } from 'vitest';
import { get, post, startNode, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

async function finishedTask(node: TestNode, id: string, content = 'done'): Promise<void> {
  expect((await post(node.base, '/tasks', { role: 'user', task_id: id, text: 'work' })).status).toBe(201);
  const done = await post(node.base, `/tasks/${id}/update`, { status: 'completed', artifact: { parts: [{ type: 'text', content }] } });
  expect(done.status).toBe(200);
}

describe('finished task records are bounded', () => {
  it('issue 9.4: past finishedTasks.max the oldest finished tasks are forgotten; running ones stay', async () => {
    const node = await startNode({ name: 'A', finishedTasks: { max: 3 } });
    running.push(node);
    expect((await post(node.base, '/tasks', { role: 'user', task_id: 'running', text: 'long' })).status).toBe(201);
    for (let i = 0; i < 6; i += 1) await finishedTask(node, `t${i}`);
    const ids = (await get(node.base, '/tasks?limit=100')).body.tasks.map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual(['running', 't3', 't4', 't5']);
    expect((await get(node.base, '/tasks/t0')).status).toBe(404);
  });

  it('issue 9.4: finished tasks are bounded in bytes too', async () => {
    const node = await startNode({ name: 'A', finishedTasks: { max: 1_000, bytes: 50_000 } });
    running.push(node);
    for (let i = 0; i < 10; i += 1) await finishedTask(node, `big${i}`, 'x'.repeat(20_000));
    const ids = (await get(node.base, '/tasks?limit=100')).body.tasks.map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual(['big8', 'big9']);
  });
});
