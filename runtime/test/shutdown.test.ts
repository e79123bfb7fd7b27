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

  it('issue 10: shutdown() called while a chained ask streams lets the next stage run (the drain does not stop between stages)', async () => {
    const system = await createSystem();
    const first = system.spawn(async function* () { yield 'a'; yield 'b'; });
    const second = system.spawn((m: Message) => textOf(m).toUpperCase());
    const got: string[] = [];
    const errors: unknown[] = [];
    // Like a pipeline: when the first answer completes, the next ask starts in the same call.
    const done = new Promise<void>((resolve) => {
      const texts: string[] = [];
      first.ask('go').subscribe({
        next: (p) => texts.push(p.type === 'text' ? p.text : ''),
        error: (e: unknown) => { errors.push(e); resolve(); },
        complete: () => second.ask(texts.join('')).subscribe({
          next: (p) => got.push(p.type === 'text' ? p.text : ''),
          error: (e: unknown) => { errors.push(e); resolve(); },
          complete: resolve,
        }),
      });
    });
    await system.shutdown();
    await done;
    expect(errors).toEqual([]);
    expect(got).toEqual(['AB']);
  });

  it('issue 10: an ask still streaming after the drain deadline ends with SHUTDOWN at its subscriber, never as an unhandled error', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => { unhandled.push(e); };
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    try {
      const clock = new SimulatedClock();
      const system = await createSystem({ clock });
      const endless = system.spawn(() => new Observable<never>(() => undefined));
      const errors: unknown[] = [];
      endless.ask('forever').subscribe({ error: (e: unknown) => errors.push(e) });
      await flushMicrotasks();
      const done = system.shutdown({ deadlineMs: 500 });
      await flushMicrotasks();
      clock.advance(500);
      await done;
      await flushMicrotasks();
      expect(errors.map((e) => (e as TroupeError).code)).toEqual(['SHUTDOWN']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      process.off('uncaughtException', onUnhandled);
    }
  });
});
