import { afterEach, describe, expect, it } from 'vitest';
import { text, textOf, TroupeError, type Message } from '@troupe/runtime';
import { connectedPair, get, post, sse, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

/** An agent that throws on any message whose text contains "fail" and echoes the rest. */
const picky = (msg: Message) => {
  if (textOf(msg).includes('fail')) throw new Error('I refuse');
  return text(`ok: ${textOf(msg)}`);
};

const taskOn = async (node: TestNode, id: string): Promise<any> => (await get(node.base, `/tasks/${encodeURIComponent(id)}`)).body;

describe('issue 9.5: a failed agent turn is an error in the relay protocol, never a reply whose text is the error', () => {
  it('issue 9.5: a synchronous send answers 502 ERR_AGENT_FAILED in the envelope; the acp.reply carries error_code and no parts', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky', restart: 'permanent' }) });
    running.push(A, B);
    const res = await post(B.base, '/message:send', { role: 'user', text: 'please fail', sync: true, timeout: 5, message_id: 'm-fail-1' });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ ok: false, error_code: 'ERR_AGENT_FAILED', failed_message_id: 'm-fail-1' });
    expect(res.body.error).toMatch(/HANDLER_FAILED: .*I refuse/);
    expect(res.body.reply).toMatchObject({ type: 'acp.reply', correlation_id: 'm-fail-1', error_code: 'ERR_AGENT_FAILED' });
    expect(res.body.reply.parts).toBeUndefined();
    expect(JSON.stringify(res.body.reply)).not.toMatch(/"content":"error:/);
    // The agent was restarted and answers the next request normally.
    const ok = await post(B.base, '/message:send', { role: 'user', text: 'fine', sync: true, timeout: 5 });
    expect(ok.status).toBe(200);
    expect(ok.body.reply.parts).toEqual([{ type: 'text', content: 'ok: fine' }]);
  });

  it('issue 9.5: with create_task, the sync send fails the task with the error (no text artifact)', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    const res = await post(B.base, '/message:send', { role: 'user', text: 'fail please', sync: true, timeout: 5, create_task: true });
    expect(res.status).toBe(502);
    const task = await taskOn(B, (await get(B.base, '/tasks')).body.tasks[0].id);
    expect(task.status).toBe('failed');
    expect(task.error).toMatch(/I refuse/);
    expect(task.artifacts ?? []).toEqual([]);
  });

  it('issue 9.5: a task-attached message whose turn fails ends the task failed on both sides, error in `error`, no artifact', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    const sent = await post(B.base, '/message:send', { role: 'user', text: 'fail this task', create_task: true });
    const taskId = sent.body.task.id as string;
    await until(async () => (await taskOn(B, taskId)).status === 'failed');
    const onB = await taskOn(B, taskId);
    expect(onB.error).toMatch(/I refuse/);
    expect(onB.artifacts ?? []).toEqual([]);
    expect((await taskOn(A, taskId)).status).toBe('failed');
  });

  it('issue 9.5: a plain message whose turn fails gets no answer carrying the error as text; the node logs it', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    const logs: string[] = [];
    A.system.inspect$.subscribe((e) => { if (e.type === '@troupe.log' && e.level === 'warn') logs.push(`${e.msg} ${JSON.stringify(e.data)}`); });
    const streamB = sse(B.base);
    await streamB.headers;
    await post(B.base, '/message:send', { role: 'user', text: 'fail quietly', message_id: 'plain-1' });
    await post(B.base, '/message:send', { role: 'user', text: 'then this', message_id: 'plain-2' });
    await until(() => streamB.events.find((e) => e.type === 'message' && e.direction === 'inbound' && e.role === 'agent'));
    const answers = streamB.events.filter((e) => e.type === 'message' && e.direction === 'inbound');
    expect(answers.map((e) => e.parts)).toEqual([[{ type: 'text', content: 'ok: then this' }]]);
    expect(logs.some((l) => l.includes('plain-1') && l.includes('I refuse'))).toBe(true);
    streamB.close();
  });

  it('issue 9.5: the legacy synchronous /send answers 502 ERR_AGENT_FAILED too', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    const res = await post(B.base, '/send', { type: 'acp.message', id: 'legacy-fail', role: 'user', parts: [{ type: 'text', content: 'fail legacy' }], sync: true, timeout: 5 });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ ok: false, error_code: 'ERR_AGENT_FAILED', failed_message_id: 'legacy-fail', reply: { correlation_id: 'legacy-fail' } });
  });

  it('issue 9.5: a remote ActorRef surfaces the failure as an error (HANDLER_FAILED), not as a text part', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const outcome = await new Promise<{ parts: string[]; error?: unknown }>((resolve) => {
      const parts: string[] = [];
      remote.ask('fail remotely').subscribe({ next: (p) => parts.push(JSON.stringify(p)), error: (error: unknown) => resolve({ parts, error }), complete: () => resolve({ parts }) });
    });
    expect(outcome.parts).toEqual([]);
    expect(TroupeError.is(outcome.error, 'HANDLER_FAILED')).toBe(true);
    expect((outcome.error as TroupeError).message).toMatch(/I refuse/);
    // issue 8: the relay's own code and text ride as the cause.
    expect((outcome.error as TroupeError).cause).toMatchObject({ name: 'ProtocolError', protocol: 'relay', code: 'ERR_AGENT_FAILED' });
    expect(((outcome.error as TroupeError).cause as Error).message).toMatch(/I refuse/);
  });

  it('issue 9.5: /status shows the hosted agent and its state', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(picky, { name: 'picky' }) });
    running.push(A, B);
    expect((await get(A.base, '/status')).body.agent).toEqual({ name: 'picky', address: 'troupe://local/agents/picky', state: 'idle' });
    expect((await get(B.base, '/status')).body.agent).toBeNull();
  });
});
