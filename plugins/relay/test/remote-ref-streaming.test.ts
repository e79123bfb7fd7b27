import { afterEach, describe, expect, it } from 'vitest';
import { text, textOf, TroupeError, type ActorContext, type Message, type Part } from '@troupe/runtime';
import { ProtocolError } from '@troupe/actors';
import { connectedPair, get, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

/** A gate the test opens; the agent's `signal` abort is recorded. */
function gated() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const seen = { aborted: false, finished: false };
  const agent = (msg: Message, ctx: ActorContext) => {
    ctx.signal.addEventListener('abort', () => { seen.aborted = true; });
    return (async function* () {
      yield text(`first of ${textOf(msg)}`);
      await gate;
      yield text('second');
      seen.finished = true;
    })();
  };
  return { agent, open, seen };
}

/** Subscribes and records what comes back. */
function watch(stream: import('rxjs').Observable<Part>) {
  const got = { parts: [] as string[], error: undefined as unknown, done: false };
  const sub = stream.subscribe({
    next: (p) => got.parts.push(p.type === 'text' ? p.text : JSON.stringify(p)),
    error: (e: unknown) => { got.error = e; },
    complete: () => { got.done = true; },
  });
  return { got, sub };
}

describe('issue 8: a relay remote ref behaves like a local ref', () => {
  it('issue 8: the first part reaches the asker before the remote agent finishes', async () => {
    const g = gated();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(g.agent, { name: 'gated' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const { got } = watch(remote.ask('job'));
    await until(() => got.parts.length > 0, 5_000, 'first part');
    expect(got.parts).toEqual(['first of job']);
    expect(g.seen.finished).toBe(false);
    expect(got.done).toBe(false);
    g.open();
    await until(() => got.done, 5_000, 'completion');
    expect(got.parts).toEqual(['first of job', 'second']);
  });

  it('issue 8: unsubscribing cancels the remote task and the remote handler’s signal fires', async () => {
    const g = gated();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(g.agent, { name: 'gated' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const { got, sub } = watch(remote.ask('job'));
    await until(() => got.parts.length > 0, 5_000, 'first part');
    sub.unsubscribe();
    await until(() => g.seen.aborted, 5_000, 'remote abort');
    const tasksOnA = (await get(A.base, '/tasks')).body.tasks as { status: string }[];
    await until(async () => ((await get(A.base, '/tasks')).body.tasks as { status: string }[]).every((t) => t.status === 'canceled'), 5_000, 'canceled on A');
    expect(tasksOnA).toHaveLength(1);
    expect(g.seen.finished).toBe(false);
  });

  it('issue 8: timeoutMs ends the ask with ASK_TIMEOUT and aborts the remote handler', async () => {
    const g = gated();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(g.agent, { name: 'gated' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const { got } = watch(remote.ask('job', { timeoutMs: 300 }));
    await until(() => got.error, 5_000, 'timeout');
    expect(TroupeError.is(got.error, 'ASK_TIMEOUT')).toBe(true);
    await until(() => g.seen.aborted, 5_000, 'remote abort');
  });

  it('issue 8: the asker’s signal cancels the remote turn', async () => {
    const g = gated();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(g.agent, { name: 'gated' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const ctl = new AbortController();
    const { got } = watch(remote.ask('job', { signal: ctl.signal }));
    await until(() => got.parts.length > 0, 5_000, 'first part');
    ctl.abort();
    await until(() => g.seen.aborted, 5_000, 'remote abort');
    await until(() => got.error, 5_000, 'the stream ends');
    expect(TroupeError.is(got.error, 'CANCELLED')).toBe(true);
  });

  it('issue 8: a remote failure is an error with the relay code as cause, never a text part', async () => {
    const failing = () => (async function* () {
      yield text('partial');
      throw new Error('kaput');
    })();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(failing, { name: 'failing' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const { got } = watch(remote.ask('job'));
    await until(() => got.error, 5_000, 'failure');
    expect(got.parts.every((p) => !p.includes('kaput'))).toBe(true);
    const err = got.error as TroupeError;
    expect(err.code).toBe('HANDLER_FAILED');
    expect(err.cause).toBeInstanceOf(ProtocolError);
    expect(err.cause).toMatchObject({ protocol: 'relay', code: 'ERR_AGENT_FAILED' });
    expect((err.cause as Error).message).toMatch(/kaput/);
  });

  it('issue 8: ready back-pressure: the next part waits until the consumer is ready', async () => {
    const burst = () => [text('1'), text('2'), text('3')];
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(burst, { name: 'burst' }) });
    running.push(A, B);
    const remote = await B.system.connect(A.plugin.link);
    const waits: (() => void)[] = [];
    const ready = () => new Promise<void>((resolve) => { waits.push(resolve); });
    const { got } = watch(remote.ask('go', { ready }));
    // Everything has arrived at B once its task is completed; the consumer still holds one part.
    await until(async () => ((await get(B.base, '/tasks')).body.tasks as { status: string }[]).some((t) => t.status === 'completed'), 5_000, 'task done on B');
    expect(got.parts.join('')).toBe('1');
    expect(got.done).toBe(false);
    while (!got.done) {
      await until(() => waits.length > 0, 5_000, 'a ready() call');
      waits.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(got.parts.join('')).toBe('123');
  });

  it('issue 8: events$ follows the link, and an ask running when the link goes down fails with UNREACHABLE', async () => {
    const g = gated();
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(g.agent, { name: 'gated' }) });
    running.push(B);
    const remote = await B.system.connect(A.plugin.link);
    expect(remote.state).toBe('up');
    const states: string[] = [];
    remote.events$.subscribe((e) => { if (e.type === 'state') states.push(e.value); });
    const { got } = watch(remote.ask('job'));
    await until(() => got.parts.length > 0, 5_000, 'first part');
    await A.stop();
    await until(() => got.error, 5_000, 'the ask ends');
    expect(TroupeError.is(got.error, 'UNREACHABLE')).toBe(true);
    expect(states).toContain('down');
  });

  it('issue 8: tell returns false when the link is down and nothing may queue it', async () => {
    const { A, B } = await connectedPair({ agentFactory: (s) => s.spawn(() => 'ok', { name: 'ok' }) }, { offlineQueue: false });
    running.push(B);
    const remote = await B.system.connect(A.plugin.link);
    expect(remote.tell('while up')).toBe(true);
    const down = new Promise<void>((resolve) => remote.events$.subscribe((e) => { if (e.type === 'state' && e.value === 'down') resolve(); }));
    await A.stop();
    await down;
    expect(remote.tell('while down')).toBe(false);
  });
});
