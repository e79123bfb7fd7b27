import { describe, expect, it } from 'vitest';
import { assign, setup, transition, initialTransition } from 'xstate';
import { compileFlatMachine, createSystem, hostMachine, realClock } from '@troupe/runtime';
import { flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';

const flat = setup({}).createMachine({
  id: 'flat',
  initial: 'starting',
  states: {
    starting: { on: { STARTED: 'idle', STOP: 'stopping' } },
    idle: { on: { WORK: 'busy', STOP: 'stopping' } },
    busy: { on: { DRAINED: 'idle', STOP: 'stopping' } },
    stopping: { on: { STOPPED: 'stopped' } },
    stopped: { type: 'final' },
  },
});
const events = ['STARTED', 'WORK', 'DRAINED', 'STOP', 'STOPPED', 'UNKNOWN'];

describe('lifecycle hosting', () => {
  it('compiles a flat machine into a table that agrees with XState on every (state, event)', () => {
    const table = compileFlatMachine(flat);
    expect(table).not.toBeNull();
    for (const state of Object.keys(flat.root.states)) {
      for (const type of events) {
        const host = hostMachine(flat, undefined, realClock);
        // drive the table host into `state` by the shortest known route, then compare one step
        const [init] = initialTransition(flat);
        const snapshot = flat.resolveState({ value: state, context: undefined as never });
        const [next] = transition(flat, snapshot, { type });
        (host as unknown as { value: string }).value = state;
        host.send({ type });
        expect([state, type, host.value]).toEqual([state, type, next.value]);
        expect(init.value).toBe('starting');
      }
    }
  });

  it('refuses to compile machines with context, actions, guards or delays', () => {
    const withContext = setup({}).createMachine({ context: { n: 0 }, initial: 'a', states: { a: {} } });
    const withAction = setup({}).createMachine({ initial: 'a', states: { a: { on: { X: { target: 'a', actions: assign({}) } } } } });
    const withGuard = setup({ guards: { g: () => true } }).createMachine({ initial: 'a', states: { a: { on: { X: { target: 'b', guard: 'g' } } }, b: {} } });
    const withDelay = setup({}).createMachine({ initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } });
    const nested = setup({}).createMachine({ initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    for (const m of [withContext, withAction, withGuard, withDelay, nested]) expect(compileFlatMachine(m)).toBeNull();
  });

  it('hosts other machines as XState actors on the system clock', async () => {
    const clock = new SimulatedClock();
    const delayed = setup({}).createMachine({ context: {}, initial: 'waiting', states: { waiting: { after: { 100: 'done' } }, done: {} } });
    const host = hostMachine(delayed, {}, clock);
    const changes: string[] = [];
    host.onChange = (v, p) => changes.push(`${p}->${v}`);
    clock.advance(99);
    expect(host.value).toBe('waiting');
    clock.advance(1);
    expect(host.value).toBe('done');
    expect(changes).toEqual(['waiting->done']);
    host.stop();
  });

  it('feeds an actor its lifecycle and publishes state changes on events$', async () => {
    const system = await createSystem();
    const states: string[] = [];
    let release!: () => void;
    const ref = system.spawn({ lifecycle: flat, receive: () => new Promise<void>((r) => { release = r; }) });
    ref.events$.subscribe((e) => { if (e.type === 'state') states.push(e.value); });
    expect(ref.state).toBe('idle');
    ref.tell('x');
    await flushMicrotasks();
    expect(ref.state).toBe('busy');
    release();
    await flushMicrotasks();
    await system.stop(ref);
    expect(states).toEqual(['busy', 'idle', 'stopping', 'stopped']);
    await system.shutdown();
  });
});

describe('system.lifecycleOf', () => {
  it('feeds an actor machine from outside its handlers and goes mute once the actor stopped', async () => {
    const system = await createSystem();
    const ref = system.spawn({ lifecycle: flat, receive: () => undefined });
    const handle = system.lifecycleOf(ref);
    expect(handle?.value).toBe('idle');
    handle?.send({ type: 'WORK' });
    expect(ref.state).toBe('busy');
    await system.stop(ref);
    handle?.send({ type: 'DRAINED' });
    expect(handle?.value).toBe('stopped');
    expect(system.lifecycleOf(system.spawn(() => undefined))).toBeUndefined();
    await system.shutdown();
  });
});
