import { describe, expect, it } from 'vitest';
import { Observable, throwError } from 'rxjs';
import { setup } from 'xstate';
import {
  createSystem, DEFAULT_SUPERVISION, textOf, TroupeError, type ActorRef, type Behavior, type BehaviorFactory, type InspectionEvent,
  type Message, type SupervisionOptions,
} from '@troupe/runtime';
import { collect, flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';

/** A behavior factory that counts its incarnations and crashes on the message 'crash'. */
function counting(name: string, log: string[]): BehaviorFactory & { instances: number } {
  const factory = {
    instances: 0,
    createBehavior(): Behavior {
      factory.instances += 1;
      const incarnation = factory.instances;
      let handled = 0;
      return {
        receive(m: Message) {
          const t = textOf(m);
          if (t === 'crash') throw new Error(`${name} crashed`);
          handled += 1;
          log.push(`${name}#${incarnation}:${t}:${handled}`);
          return `${name}#${incarnation}`;
        },
      };
    },
  };
  return factory;
}

async function world(supervision: SupervisionOptions) {
  const clock = new SimulatedClock(1_000);
  const system = await createSystem({ clock, random: () => 0.5 });
  const events: InspectionEvent[] = [];
  system.inspect$.subscribe((e) => events.push(e));
  const parent = system.spawn(() => undefined, { name: 'sup', supervision });
  const log: string[] = [];
  const kids = { a: counting('a', log), b: counting('b', log), c: counting('c', log) };
  const refs: Record<string, ActorRef> = {};
  for (const [n, f] of Object.entries(kids)) refs[n] = system.spawn(f, { name: n, parent });
  const settle = async (ms = 0): Promise<void> => {
    await flushMicrotasks();
    clock.advance(ms);
    await flushMicrotasks();
  };
  return { clock, system, events, parent, kids, refs, log, settle };
}

const restarts = (events: InspectionEvent[]) =>
  events.flatMap((e) => (e.type === '@troupe.restart' ? [[e.address.split('/').pop(), e.attempt, e.delayMs]] : []));

describe('supervision', () => {
  it('one-for-one restarts only the failed child, after the backoff delay, keeping its mailbox', async () => {
    const w = await world({ strategy: 'one-for-one', backoff: { minMs: 100, jitter: 0 } });
    const { refs, kids, settle } = w;
    refs['a']?.tell('crash');
    refs['a']?.tell('after');
    await settle();
    expect(refs['a']?.state).toBe('restarting');
    expect(w.log).toEqual([]);
    await settle(99);
    expect(kids.a.instances).toBe(1);
    await settle(1);
    expect(kids.a.instances).toBe(2);
    expect(w.log).toEqual(['a#2:after:1']);
    expect(kids.b.instances).toBe(1);
    expect(kids.c.instances).toBe(1);
    expect(restarts(w.events)).toEqual([['a', 1, 100]]);
    await w.system.shutdown({ deadlineMs: 0 });
  });

  it('one-for-all restarts every sibling', async () => {
    const w = await world({ strategy: 'one-for-all', backoff: { minMs: 10, jitter: 0 } });
    w.refs['b']?.tell('crash');
    await w.settle(10);
    expect([w.kids.a.instances, w.kids.b.instances, w.kids.c.instances]).toEqual([2, 2, 2]);
    await w.system.shutdown({ deadlineMs: 0 });
  });

  it('rest-for-one restarts the failed child and those started after it', async () => {
    const w = await world({ strategy: 'rest-for-one', backoff: { minMs: 10, jitter: 0 } });
    w.refs['b']?.tell('crash');
    await w.settle(10);
    expect([w.kids.a.instances, w.kids.b.instances, w.kids.c.instances]).toEqual([1, 2, 2]);
    await w.system.shutdown({ deadlineMs: 0 });
  });

  it('backs off exponentially with jitter inside its bounds', async () => {
    const clock = new SimulatedClock();
    const rolls = [0, 1, 0.5, 0.25];
    const system = await createSystem({ clock, random: () => rolls.shift() ?? 0.5 });
    const delays: number[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.restart') delays.push(e.delayMs); });
    const parent = system.spawn(() => undefined, { supervision: { backoff: { minMs: 100, maxMs: 350, factor: 2, jitter: 0.1 } } });
    const ref = system.spawn(() => { throw new Error('boom'); }, { parent });
    for (let i = 0; i < 4; i++) {
      ref.tell('x');
      await flushMicrotasks();
      clock.advance(1_000);
      await flushMicrotasks();
    }
    // bases 100, 200, 350 (capped), 350; jitter ±10 % from the rolls 0, 1, 0.5, 0.25
    expect(delays).toEqual([90, 220, 350, 333]);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('escalates when restart intensity is exceeded: the parent fails and its own supervisor restarts it', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock, random: () => 0.5 });
    let parentIncarnations = 0;
    const mid = system.spawn({ createBehavior: () => { parentIncarnations += 1; return { receive: () => undefined }; } },
      { name: 'mid', supervision: { maxRestarts: 2, withinMs: 10_000, backoff: { minMs: 1, jitter: 0 } } });
    const child = system.spawn(() => { throw new Error('always'); }, { name: 'kid', parent: mid });
    for (let i = 0; i < 3; i++) {
      child.tell('x');
      await flushMicrotasks();
      clock.advance(5);
      await flushMicrotasks();
    }
    expect(child.state).toBe('stopped');
    clock.advance(100);
    await flushMicrotasks();
    expect(parentIncarnations).toBe(2);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('issue 9.5: a permanent top-level actor is restarted past the intensity limit, slowed to the backoff cap, never stopped', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock, random: () => 0.5, supervision: { maxRestarts: 3, withinMs: 60_000, backoff: { minMs: 100, maxMs: 1_000, jitter: 0 } } });
    const delays: number[] = [];
    const warnings: string[] = [];
    system.inspect$.subscribe((e) => {
      if (e.type === '@troupe.restart' && e.address.endsWith('/flaky')) delays.push(e.delayMs);
      if (e.type === '@troupe.log' && e.level === 'warn') warnings.push(e.msg);
    });
    let n = 0;
    // Fails on every third message, like the agent of the issue.
    const flaky = system.spawn(() => { n += 1; if (n % 3 === 0) throw new Error(`third #${n}`); return `ok #${n}`; }, { name: 'flaky', restart: 'permanent' });
    const limited = system.spawn(() => { throw new Error('always'); }, { name: 'limited' });
    const answers: string[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 30; i++) {
      flaky.ask(String(i)).subscribe({ next: (p) => answers.push(textOf([p])), error: (e: TroupeError) => errors.push(e.code) });
      limited.tell(String(i));
    }
    for (let i = 0; i < 40 && (answers.length + errors.length < 30 || flaky.state !== 'idle'); i++) await clock.advanceAsync(1_000, 4);
    expect(answers.length + errors.length).toBe(30);
    expect(errors).toEqual(Array(10).fill('HANDLER_FAILED'));
    expect(flaky.state).toBe('idle');
    expect(delays.slice(0, 4)).toEqual([100, 200, 400, 1_000]);
    expect(delays.filter((d) => d === 1_000).length).toBeGreaterThanOrEqual(6);
    expect(warnings.some((w) => w.includes('flaky') && w.includes('permanent'))).toBe(true);
    // The default is unchanged: past the limit the other one was stopped for good.
    expect(limited.state).toBe('stopped');
    expect(await collect(flaky.ask('after'))).toHaveLength(1);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('issue 9.5: an actor without a lifecycle machine reports its failure and recovery as @troupe.state events', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock, random: () => 0.5, supervision: { backoff: { minMs: 100, jitter: 0 } } });
    const states: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.state' && e.address.endsWith('/fn')) states.push(`${e.previous}->${e.value}`); });
    const fn = system.spawn((m: Message) => { if (textOf(m) === 'crash') throw new Error('boom'); return 'ok'; }, { name: 'fn', restart: 'permanent' });
    fn.tell('crash');
    await flushMicrotasks();
    expect(fn.state).toBe('restarting');
    expect(states).toEqual(['idle->restarting']);
    await clock.advanceAsync(100);
    expect(fn.state).toBe('idle');
    expect(states).toEqual(['idle->restarting', 'restarting->idle']);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('at a guardian, escalation stops the child and the rest of the system goes on', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock, supervision: { maxRestarts: 1, backoff: { minMs: 1, jitter: 0 } } });
    const logs: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.log') logs.push(e.msg); });
    const bad = system.spawn(() => { throw new Error('bad'); }, { name: 'bad' });
    const good = system.spawn((m: Message) => textOf(m), { name: 'good' });
    bad.tell('1');
    await flushMicrotasks();
    clock.advance(10);
    await flushMicrotasks();
    bad.tell('2');
    await flushMicrotasks();
    expect(bad.state).toBe('stopped');
    expect(logs.join()).toMatch(/bad stopped after repeated failures: bad/);
    expect(textOf(await collect(good.ask('still here')))).toBe('still here');
    await system.shutdown({ deadlineMs: 0 });
  });

  it('honours resume and stop directives', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const parent = system.spawn(() => undefined, {
      supervision: { decide: (e) => (e.message === 'resume me' ? 'resume' : 'stop') },
    });
    let count = 0;
    const resumable = system.spawn((m: Message) => {
      if (textOf(m) === 'fail') throw new Error('resume me');
      count += 1;
      return String(count);
    }, { parent });
    resumable.tell('ok');
    resumable.tell('fail');
    await flushMicrotasks();
    expect(textOf(await collect(resumable.ask('ok')))).toBe('2');
    const stoppable = system.spawn(() => { throw new Error('stop me'); }, { parent });
    stoppable.tell('x');
    await flushMicrotasks();
    expect(stoppable.state).toBe('stopped');
    await system.shutdown({ deadlineMs: 0 });
  });

  it.each([
    ['a throwing handler', () => { throw new Error('sync'); }],
    ['a rejected promise', () => Promise.reject(new Error('async'))],
    ['an erroring Observable', () => throwError(() => new Error('stream'))],
    ['an erroring async iterable', async function* () { yield 'x'; throw new Error('iter'); }],
  ])('a crash by %s restarts the actor and fails the ask with HANDLER_FAILED', async (_, handler) => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const restartsSeen: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.restart') restartsSeen.push(e.address); });
    const ref = system.spawn(handler as never);
    const err = await collect(ref.ask('go')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'HANDLER_FAILED')).toBe(true);
    await clock.advanceAsync(DEFAULT_SUPERVISION.backoff.maxMs);
    expect(restartsSeen).toEqual([ref.address]);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('a failing start hook and a machine error are crashes too', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const fails: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.fail') fails.push(e.error.message); });
    let starts = 0;
    system.spawn({ createBehavior: () => ({ receive: () => undefined, start: () => { starts += 1; if (starts === 1) throw new Error('start failed'); } }) });
    const machine = setup({ actions: { explode: () => { throw new Error('machine broke'); } } }).createMachine({
      context: {}, initial: 'a', states: { a: { on: { BOOM: { actions: 'explode' } } } },
    });
    const withMachine = system.spawn({ receive: (_m, ctx) => { ctx.lifecycle?.send({ type: 'BOOM' }); }, lifecycle: machine, lifecycleInput: {} });
    withMachine.tell('x');
    await flushMicrotasks();
    clock.advance(1_000);
    await flushMicrotasks();
    expect(fails.some((m) => m === 'start failed')).toBe(true);
    expect(fails.some((m) => m.includes('machine broke'))).toBe(true);
    expect(starts).toBe(2);
    expect(withMachine.state).toBe('a');
    await system.shutdown({ deadlineMs: 0 });
  });

  it('pending asks of a stopped actor end with ACTOR_STOPPED, never hang', async () => {
    const system = await createSystem();
    const ref = system.spawn(() => new Observable<never>(() => undefined));
    const running = collect(ref.ask('first')).catch((e: unknown) => e);
    const queued = collect(ref.ask('second')).catch((e: unknown) => e);
    await flushMicrotasks();
    await system.stop(ref);
    const [a, b] = await Promise.all([running, queued]);
    expect(TroupeError.is(a, 'ACTOR_STOPPED')).toBe(true);
    expect(TroupeError.is(b, 'ACTOR_STOPPED')).toBe(true);
    const late = await collect(ref.ask('late')).catch((e: unknown) => e);
    expect(TroupeError.is(late, 'ACTOR_STOPPED')).toBe(true);
    await system.shutdown();
  });
});
