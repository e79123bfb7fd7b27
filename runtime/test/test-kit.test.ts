import { describe, expect, it } from 'vitest';
import { createSystem, textOf, type ActorEvent, type InspectionEvent, type Message } from '@troupe/runtime';
import { createTestProbe, flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';

describe('test kit', () => {
  it('issue 10: expectMessage fails with a clear message after its timeout instead of hanging', async () => {
    const system = await createSystem();
    const probe = createTestProbe(system, { name: 'probe' });
    probe.ref.tell('something else');
    const err = (await probe.expectMessage((m) => textOf(m) === 'never', { timeoutMs: 50 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/no matching message within 50 ms at troupe:\/\/local\/agents\/probe/);
    expect(err.message).toMatch(/"something else"/);
    await system.shutdown();
  });

  it('issue 10: expectMessage has a default timeout (a wrong test fails, it does not hang)', async () => {
    const system = await createSystem();
    const probe = createTestProbe(system, { timeoutMs: 20 });
    await expect(probe.expectMessage()).rejects.toThrow(/no matching message within 20 ms/);
    await system.shutdown();
  });

  it('issue 10: expectMessage still resolves with a message that arrives in time', async () => {
    const system = await createSystem();
    const probe = createTestProbe(system);
    const waiting = probe.expectMessage((m) => textOf(m) === 'b');
    probe.ref.tell('a');
    probe.ref.tell('b');
    expect(textOf(await waiting)).toBe('b');
    expect(textOf(await probe.expectMessage())).toBe('a');
    await system.shutdown();
  });

  it('issue 10: a probe hears the answer of what it tells, returned or replied, as reply messages', async () => {
    const system = await createSystem();
    const probe = createTestProbe(system);
    const returns = system.spawn((m: Message) => `returned ${textOf(m)}`);
    const replies = system.spawn((m: Message, ctx) => { ctx.reply(`replied ${textOf(m)}`); });
    const told = returns.tell('x', { sender: probe.ref });
    expect(told).toBe(true);
    const first = await probe.expectMessage();
    expect(textOf(first)).toBe('returned x');
    expect(first.role).toBe('agent');
    replies.tell('y', { sender: probe.ref });
    expect(textOf(await probe.expectMessage())).toBe('replied y');
    // An answer to a reply is not sent back: two actors answering each other never loop.
    let echoed = 0;
    const echo = system.spawn((m: Message) => { echoed += 1; return textOf(m); });
    const other = system.spawn((m: Message) => textOf(m));
    other.tell('ping', { sender: echo });
    await flushMicrotasks();
    expect(echoed).toBe(1);
    await system.shutdown();
  });

  it('issue 10: the restart event fires once the new incarnation runs, after its start hook', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock, supervision: { backoff: { minMs: 100, jitter: 0 } } });
    const order: string[] = [];
    system.inspect$.subscribe((e: InspectionEvent) => {
      if (e.type === '@troupe.restart') order.push(`inspect:restart#${e.attempt}`);
      if (e.type === '@troupe.fail') order.push('inspect:fail');
    });
    let incarnation = 0;
    const ref = system.spawn({
      createBehavior: () => {
        const n = ++incarnation;
        return {
          start: async () => { order.push(`start#${n}`); await flushMicrotasks(1); order.push(`started#${n}`); },
          receive: () => { throw new Error('boom'); },
        };
      },
    });
    ref.events$.subscribe((e: ActorEvent) => { if (e.type === 'restart') order.push(`events:restart#${e.attempt}`); });
    await flushMicrotasks();
    ref.tell('crash');
    await flushMicrotasks();
    expect(order).toEqual(['start#1', 'started#1', 'inspect:fail']);
    await clock.advanceAsync(100);
    await flushMicrotasks();
    expect(order).toEqual(['start#1', 'started#1', 'inspect:fail', 'start#2', 'started#2', 'inspect:restart#1', 'events:restart#1']);
    expect(ref.state).toBe('idle');
    await system.shutdown({ deadlineMs: 0 });
  });
});
