import { describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import { createSystem, textOf, TroupeError, type DeadLetter, type Message, type Plugin } from '@troupe/runtime';
import { collect, flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';

describe('shutdown', () => {
  it('drains mailboxes before stopping: accepted messages are handled', async () => {
    const system = await createSystem();
    const seen: string[] = [];
    const ref = system.spawn(async (m: Message) => {
      await new Promise((r) => setTimeout(r, 1));
      seen.push(textOf(m));
    });
    for (let i = 0; i < 20; i++) ref.tell(String(i));
    await system.shutdown();
    expect(seen).toHaveLength(20);
  });

  it('stops children before parents (bottom-up) and stops plugins last-started first', async () => {
    const order: string[] = [];
    const plugin = (name: string): Plugin => ({ name, start: () => undefined, stop: () => { order.push(`plugin:${name}`); } });
    const system = await createSystem({ plugins: [plugin('p1'), plugin('p2')] });
    const behavior = (name: string) => ({ receive: () => undefined, stop: () => { order.push(name); } });
    const parent = system.spawn(behavior('parent'));
    const child = system.spawn(behavior('child'), { parent });
    system.spawn(behavior('grandchild'), { parent: child });
    await system.shutdown();
    expect(order).toEqual(['plugin:p2', 'plugin:p1', 'grandchild', 'child', 'parent']);
  });

  it('after the deadline, what is still queued becomes shutdown dead letters and asks fail with SHUTDOWN', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const dead: DeadLetter[] = [];
    system.deadLetters$.subscribe((d) => dead.push(d));
    const stuck = system.spawn(() => new Observable<never>(() => undefined));
    const running = collect(stuck.ask('running')).catch((e: unknown) => e);
    const queued = collect(stuck.ask('queued')).catch((e: unknown) => e);
    stuck.tell('told');
    await flushMicrotasks();
    const done = system.shutdown({ deadlineMs: 1_000 });
    await flushMicrotasks();
    clock.advance(1_000);
    await done;
    expect(TroupeError.is(await running, 'SHUTDOWN')).toBe(true);
    expect(TroupeError.is(await queued, 'SHUTDOWN')).toBe(true);
    expect(dead.map((d) => [textOf(d.message), d.reason])).toEqual([['queued', 'shutdown'], ['told', 'shutdown']]);
    expect(() => system.spawn(() => undefined)).toThrow(expect.objectContaining({ code: 'SHUTDOWN' }));
  });

  it('is idempotent and closes the store', async () => {
    const system = await createSystem();
    await Promise.all([system.shutdown(), system.shutdown()]);
    await expect(system.store.get('x')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
