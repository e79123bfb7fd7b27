import { afterEach, describe, expect, it } from 'vitest';
import { text, type ActorContext, type Message } from '@troupe/runtime';
import { connectedPair, get, http, post, sse, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const taskOn = async (node: TestNode, id: string): Promise<any> => (await get(node.base, `/tasks/${encodeURIComponent(id)}`)).body;

describe('tasks across two nodes', () => {
  it('items 18-19 (Troupe both sides), 62: create_task on A mirrors on B; B completes with an artifact; A applies it (status then artifact); bad updates refused', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const streamA = sse(A.base);
    const streamB = sse(B.base);
    await Promise.all([streamA.headers, streamB.headers]);
    const sent = await post(A.base, '/message:send', { role: 'user', message_id: 'msg-task-1', create_task: true, text: 'summarize', context_id: 'ctx-t' });
    expect(sent.status).toBe(200);
    const taskId = sent.body.task.id as string;
    expect(sent.body.task).toMatchObject({ status: 'working', peer_id: expect.any(String) });
    const mirror = await until(async () => {
      const t = await taskOn(B, taskId);
      return t.id ? t : undefined;
    });
    expect(mirror).toMatchObject({ status: 'working', from_peer: true, origin_message_id: 'msg-task-1', payload: { parts: [{ type: 'text', content: 'summarize' }] } });
    const bStatus = await until(() => streamB.events.find((e) => e.type === 'status' && e.task_id === taskId));
    const bMsg = await until(() => streamB.events.find((e) => e.type === 'message' && e.message_id === 'msg-task-1'));
    expect(bStatus.state).toBe('working');
    expect(bStatus).not.toHaveProperty('error');
    expect(bStatus.seq).toBeLessThan(bMsg.seq);
    const aStates = streamA.events.filter((e) => e.type === 'status').map((e) => e.state);
    expect(aStates).toEqual(['submitted', 'working']);
    const upd = await post(B.base, `/tasks/${taskId}/update`, { status: 'completed', artifact: { parts: [{ type: 'text', content: 'summary done' }] } });
    expect(upd.status).toBe(200);
    await until(async () => (await taskOn(A, taskId)).status === 'completed');
    expect((await taskOn(A, taskId)).artifacts).toEqual([{ parts: [{ type: 'text', content: 'summary done' }] }]);
    const aTail = await until(() => {
      const evs = streamA.events.filter((e) => e.task_id === taskId);
      return evs.length >= 5 ? evs : undefined;
    });
    expect(aTail.slice(-2).map((e: any) => e.type)).toEqual(['status', 'artifact']);
    // terminal tasks refuse to move
    const back = await post(A.base, `/tasks/${taskId}/update`, { status: 'working' });
    expect(back.status).toBe(409);
    expect(back.body.error_code).toBe('ERR_INVALID_STATE');
    expect((await post(A.base, `/tasks/${taskId}/update`, { status: 'bogus' })).status).toBe(400);
    streamA.close();
    streamB.close();
  });

  it('items 58-59 (Troupe both sides): two-phase cancel on the requester stops the hosted agent on the worker and both end canceled', async () => {
    let aborted = false;
    const slow = (_m: Message, ctx: ActorContext) =>
      new Promise<string>((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
          resolve('stopped');
        });
      });
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(slow, { name: 'slow' }) });
    running.push(A, B);
    const streamB = sse(B.base);
    await streamB.headers;
    const sent = await post(B.base, '/message:send', { role: 'user', text: 'work', create_task: true });
    const taskId = sent.body.task.id as string;
    await until(async () => (await taskOn(A, taskId)).status === 'working');
    const cancel = await post(B.base, `/tasks/${taskId}:cancel`);
    expect(cancel.body).toEqual({ ok: true, task_id: taskId, status: 'cancelling' });
    const states = await until(() => {
      const s = streamB.events.filter((e) => e.type === 'status' && e.task_id === taskId).map((e) => [e.state, e.seq]);
      return s.some(([st]) => st === 'canceled') ? s : undefined;
    });
    const cancelling = states.find(([st]: any) => st === 'cancelling');
    const canceled = states.find(([st]: any) => st === 'canceled');
    expect(cancelling?.[1]).toBeLessThan(canceled?.[1] as number);
    await until(async () => (await taskOn(A, taskId)).status === 'canceled');
    expect(aborted).toBe(true);
    const again = await post(B.base, `/tasks/${taskId}/cancel`);
    expect(again.body).toMatchObject({ status: 'canceled', note: 'task already in terminal state' });
    streamB.close();
  });

  it('the hosted agent completes a mirrored task and the requester gets the artifact', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(() => [text('done: '), text('ok')], { name: 'worker' }) });
    running.push(A, B);
    const sent = await post(B.base, '/message:send', { role: 'user', text: 'go', create_task: true });
    const taskId = sent.body.task.id as string;
    await until(async () => (await taskOn(B, taskId)).status === 'completed');
    // issue 8: the answer streams, first part at once, the rest with the end: the artifacts hold it in order.
    const artifacts = (await taskOn(B, taskId)).artifacts as { parts: { content: string }[] }[];
    expect(artifacts.flatMap((a) => a.parts.map((p) => p.content)).join('')).toBe('done: ok');
    expect(artifacts[0]).toEqual({ parts: [{ type: 'text', content: 'done: ' }] });
    expect((await taskOn(A, taskId)).status).toBe('completed');
  });

  it('items 60-61 (Troupe both sides): input_required and continue; delete propagates failed/deleted; continue elsewhere is 409', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const sent = await post(B.base, '/message:send', { role: 'user', text: 'needs input', create_task: true });
    const taskId = sent.body.task.id as string;
    await until(async () => (await taskOn(A, taskId)).status === 'working');
    await post(A.base, `/tasks/${taskId}/update`, { status: 'input_required' });
    await until(async () => (await taskOn(B, taskId)).status === 'input_required');
    const cont = await post(B.base, `/tasks/${taskId}/continue`, { text: 'more' });
    expect(cont.status).toBe(200);
    await until(async () => (await taskOn(A, taskId)).status === 'working');
    expect((await post(B.base, `/tasks/${taskId}:continue`, { text: 'again' })).status).toBe(409);
    const del = (await http(B.base, 'DELETE', `/tasks/${taskId}`)).status;
    expect(del).toBe(200);
    await until(async () => (await taskOn(A, taskId)).status === 'failed');
    expect((await taskOn(A, taskId)).error).toBe('deleted');
    expect((await http(B.base, 'DELETE', `/tasks/${taskId}`)).status).toBe(409);
  });

  it('items 56, 57, 63: POST /tasks, list modes, filters and wait', async () => {
    const A = await startNode();
    running.push(A);
    const created = await post(A.base, '/tasks', { role: 'user', task_id: 't1', parts: [{ type: 'text', content: 'x' }] });
    expect(created.status).toBe(201);
    expect(created.body.task).toMatchObject({ id: 't1', status: 'submitted', payload: { role: 'user', task_id: 't1' } });
    expect((await post(A.base, '/tasks', { role: 'user', task_id: 't1', parts: [] })).body.task.payload.parts).toHaveLength(1);
    expect((await post(A.base, '/tasks', { task_id: 't9' })).status).toBe(400);
    await post(A.base, '/tasks', { role: 'user', task_id: 't2' });
    await post(A.base, '/tasks', { role: 'user', task_id: 't3' });
    expect((await get(A.base, '/tasks?status=bogus')).body.error).toMatch(/Valid values: canceled, cancelling/);
    expect((await get(A.base, '/tasks?status=cancelling')).status).toBe(200);
    const off = (await get(A.base, '/tasks?offset=0&limit=2&sort=asc')).body;
    expect(off).toMatchObject({ total: 3, has_more: true, next_offset: 2 });
    const cur = (await get(A.base, '/tasks')).body;
    expect(cur).toHaveProperty('next_cursor');
    expect(cur.count).toBe(3);
    const t0 = Date.now();
    const timedOut = await get(A.base, '/tasks/t1/wait?timeout=1');
    expect(timedOut.status).toBe(202);
    expect(timedOut.body.timeout).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const waiting = get(A.base, '/tasks/t2/wait?timeout=10');
    await new Promise((r) => setTimeout(r, 50));
    const changedAt = Date.now();
    await post(A.base, '/tasks/t2/update', { status: 'completed' });
    const woke = await waiting;
    expect(woke.body).toMatchObject({ waited: true, task: { status: 'completed' } });
    expect(Date.now() - changedAt).toBeLessThan(100);
    expect((await get(A.base, '/tasks/t2/wait')).body.waited).toBe(false);
    expect((await get(A.base, '/tasks/nope')).status).toBe(404);
  });

  it('item 67: :subscribe carries only that task and ends on its terminal status', async () => {
    const A = await startNode();
    running.push(A);
    await post(A.base, '/tasks', { role: 'user', task_id: 'sub-1' });
    await post(A.base, '/tasks', { role: 'user', task_id: 'other' });
    const sub = sse(A.base, '/tasks/sub-1:subscribe');
    await sub.headers;
    await post(A.base, '/tasks/other/update', { status: 'completed' });
    await post(A.base, '/tasks/sub-1/update', { status: 'working' });
    await post(A.base, '/tasks/sub-1/update', { status: 'completed' });
    await until(() => sub.events.some((e) => e.state === 'completed'));
    expect(sub.events.every((e) => e.task_id === 'sub-1')).toBe(true);
    expect(sub.events.map((e) => e.state)).toEqual(['working', 'completed']);
  });
});


describe('delegation', () => {
  it('POST /tasks with delegate sends task.delegate; the receiving Troupe node files it and creates the task', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const res = await post(B.base, '/tasks', { role: 'user', task_id: 'task-del', parts: [{ type: 'text', content: 'do it' }], delegate: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ delegated: true, queued: false, task: { id: 'task-del', status: 'submitted' } });
    const mirrored = await until(async () => {
      const t = await taskOn(A, 'task-del');
      return t.id ? t : undefined;
    });
    expect(mirrored).toMatchObject({ status: 'submitted', from_peer: true, payload: { role: 'user', task_id: 'task-del', delegate: true } });
    const legacy = (await get(A.base, '/recv')).body.messages.find((m: any) => m.content?.type === 'task.delegate');
    expect(legacy).toBeDefined();
    // the worker finishes it; the delegator learns
    await post(A.base, '/tasks/task-del/update', { status: 'completed', artifact: { parts: [{ type: 'text', content: 'did it' }] } });
    await until(async () => (await taskOn(B, 'task-del')).status === 'completed');
    const alone = await startNode({ name: 'Alone' });
    running.push(alone);
    const none = await post(alone.base, '/tasks', { role: 'user', task_id: 'nobody', delegate: true });
    expect(none.body).toMatchObject({ ok: true, delegated: false, queued: false });
  });
});
