import { describe, expect, it } from 'vitest';
import { createSystem, type ActorEvent, type Behavior, type Message } from '@troupe/runtime';
import { collect, flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';
import { peerLinkMachine, sessionMachine, taskMachine } from '@troupe/actors';

/** A behavior whose messages name lifecycle events to send to its own hosted machine. */
const driven = (extra: Partial<Behavior>): Behavior => ({
  receive: (m: Message, ctx) => {
    for (const p of m.parts) if (p.type === 'data') ctx.lifecycle?.send(p.data as { type: string });
  },
  ...extra,
});
const ev = (...types: (string | { type: string; [k: string]: unknown })[]) =>
  types.map((t) => ({ type: 'data' as const, data: typeof t === 'string' ? { type: t } : t }));

describe('lifecycle machines hosted as actors', () => {
  it('a task actor moves through its machine and stays terminal', async () => {
    const system = await createSystem();
    const task = system.spawn(driven({ lifecycle: taskMachine, lifecycleInput: { taskId: 't-1' } }), { name: 't-1' });
    const seen: string[] = [];
    task.events$.subscribe((e: ActorEvent) => { if (e.type === 'state') seen.push(e.value); });
    expect(task.state).toBe('submitted');
    await collect(task.ask(ev('START', 'NEED_INPUT', 'INPUT', 'CANCEL', 'CANCELED', 'START')));
    expect(seen).toEqual(['working', 'input_required', 'working', 'cancelling', 'canceled']);
    expect(task.state).toBe('canceled');
    await system.shutdown();
  });

  it('a session actor counts turns and closes', async () => {
    const system = await createSystem();
    const session = system.spawn(driven({ lifecycle: sessionMachine, lifecycleInput: { sessionId: 's-1' } }));
    await collect(session.ask(ev('PROMPT', 'TURN_ENDED', 'PROMPT')));
    expect(session.state).toBe('active');
    await collect(session.ask(ev('TURN_ENDED', 'CLOSE')));
    expect(session.state).toBe('closed');
    await system.shutdown();
  });

  it('a peer-link actor backs off on the system clock and reconnects', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const link = system.spawn(driven({ lifecycle: peerLinkMachine, lifecycleInput: { peerId: 'p', baseDelayMs: 100, maxDelayMs: 1_000, random: () => 1 } }));
    link.tell(ev('CONNECT', { type: 'CONNECT_FAILED', error: 'refused' }));
    await flushMicrotasks();
    expect(link.state).toBe('backoff');
    clock.advance(99);
    expect(link.state).toBe('backoff');
    clock.advance(1);
    expect(link.state).toBe('connecting');
    link.tell(ev('CONNECTED', 'HANDSHAKE_OK'));
    await flushMicrotasks();
    expect(link.state).toBe('open');
    await system.shutdown({ deadlineMs: 0 });
  });
});
