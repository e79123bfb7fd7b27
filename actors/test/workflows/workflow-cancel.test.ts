import { describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import { createSystem, text, textOf, TroupeError, type ActorRef, type ActorSystem, type AskOptions, type Part } from '@troupe/runtime';
import { flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';
import { fanOut, handoff, handoffTo, pipeline, route, type WorkflowOptions, type WorkflowRef } from '@troupe/actors';

/** Counts how often a member's handler started and how often its `ctx.signal` fired. */
interface StageProbe {
  started: number;
  aborted: number;
}

/**
 * A member that answers one part and then works until its signal fires; then it winds down with a
 * last part (`finalPart`) and completes, as a well-behaved agent does.
 */
function hanging(system: ActorSystem, name: string, finalPart: Part = text(`${name} stopped`)): { ref: ActorRef; probe: StageProbe } {
  const probe: StageProbe = { started: 0, aborted: 0 };
  const ref = system.spawn((_m, ctx) => {
    probe.started += 1;
    return new Observable<Part>((sub) => {
      sub.next(text(`${name} working`));
      const windDown = (): void => {
        probe.aborted += 1;
        sub.next(finalPart);
        sub.complete();
      };
      if (ctx.signal.aborted) windDown();
      else ctx.signal.addEventListener('abort', windDown, { once: true });
    });
  }, { name });
  return { ref, probe };
}

/** A member that must never start once the workflow is cancelled. */
function later(system: ActorSystem, name: string): { ref: ActorRef; probe: StageProbe } {
  const probe: StageProbe = { started: 0, aborted: 0 };
  const ref = system.spawn((m) => {
    probe.started += 1;
    return `${name} got ${textOf(m)}`;
  }, { name });
  return { ref, probe };
}

/** One workflow of each kind, with the members that run when it is cancelled and one that must not start. */
interface Scenario {
  readonly flow: WorkflowRef;
  readonly running: StageProbe[];
  readonly notStarted: StageProbe;
}

const kinds: Record<string, (system: ActorSystem, options: WorkflowOptions) => Scenario> = {
  pipeline: (system, options) => {
    const first = system.spawn((m) => textOf(m).toUpperCase(), { name: 'first' });
    const slow = hanging(system, 'slow');
    const last = later(system, 'last');
    return { flow: pipeline(first, slow.ref, last.ref, options), running: [slow.probe], notStarted: last.probe };
  },
  fanOut: (system, options) => {
    const a = hanging(system, 'a');
    const b = hanging(system, 'b');
    const c = later(system, 'c');
    // `c` stands behind a pipeline member: its stage after `b2` must not start either.
    const b2 = hanging(system, 'b2');
    return { flow: fanOut([a.ref, b.ref, pipeline(b2.ref, c.ref)], options), running: [a.probe, b.probe, b2.probe], notStarted: c.probe };
  },
  route: (system, options) => {
    const slow = hanging(system, 'slow');
    const other = later(system, 'other');
    return { flow: route(() => 'slow', { slow: slow.ref, other: other.ref }, options), running: [slow.probe], notStarted: other.probe };
  },
  handoff: (system, options) => {
    const triage = system.spawn(() => handoffTo('slow'), { name: 'triage' });
    // When cancelled, `slow` still names a next agent: the handoff must not follow it.
    const slow = hanging(system, 'slow', handoffTo('billing'));
    const billing = later(system, 'billing');
    return { flow: handoff('triage', { triage, slow: slow.ref, billing: billing.ref }, options), running: [slow.probe], notStarted: billing.probe };
  },
};

/** The observed end of one ask. */
interface Outcome {
  parts: Part[];
  error: unknown;
  completed: boolean;
}

function observe(ref: ActorRef, options: AskOptions): { outcome: Outcome; unsubscribe: () => void } {
  const outcome: Outcome = { parts: [], error: undefined, completed: false };
  const sub = ref.ask('hello', options).subscribe({
    next: (p) => outcome.parts.push(p),
    error: (e: unknown) => { outcome.error = e; },
    complete: () => { outcome.completed = true; },
  });
  return { outcome, unsubscribe: () => sub.unsubscribe() };
}

async function setUp(kind: string, mode: 'direct' | 'spawned'): Promise<{ system: ActorSystem; clock: SimulatedClock; asker: ActorRef; scenario: Scenario }> {
  const clock = new SimulatedClock();
  const system = await createSystem({ clock });
  const scenario = (kinds[kind] as (typeof kinds)[string])(system, { clock });
  const asker = mode === 'direct' ? scenario.flow : system.spawn(scenario.flow, { name: 'flow' });
  return { system, clock, asker, scenario };
}

const cases = Object.keys(kinds).flatMap((kind) => (['direct', 'spawned'] as const).map((mode) => [kind, mode] as const));

describe('issue 8.1: workflows honour signal, unsubscribe and timeoutMs, directly and spawned', () => {
  it.each(cases)('%s (%s): aborting the signal reaches every running member in the same turn, starts nothing more, ends the turn', async (kind, mode) => {
    const { system, asker, scenario } = await setUp(kind, mode);
    const controller = new AbortController();
    const { outcome } = observe(asker, { signal: controller.signal });
    await flushMicrotasks();
    for (const p of scenario.running) expect(p).toEqual({ started: 1, aborted: 0 });

    controller.abort();
    // No await: the cancel is synchronous down to every running member's handler.
    for (const p of scenario.running) expect(p.aborted).toBe(1);

    await flushMicrotasks();
    expect(outcome.error).toBeUndefined();
    expect(outcome.completed).toBe(true);
    expect(scenario.notStarted.started).toBe(0);
    await system.shutdown();
  });

  it.each(cases)('%s (%s): unsubscribing reaches every running member in the same turn and starts nothing more', async (kind, mode) => {
    const { system, asker, scenario } = await setUp(kind, mode);
    const { unsubscribe } = observe(asker, {});
    await flushMicrotasks();
    for (const p of scenario.running) expect(p).toEqual({ started: 1, aborted: 0 });

    unsubscribe();
    for (const p of scenario.running) expect(p.aborted).toBe(1);
    await flushMicrotasks();
    expect(scenario.notStarted.started).toBe(0);
    await system.shutdown();
  });

  it.each(cases)('%s (%s): timeoutMs fails with ASK_TIMEOUT on the clock and cancels every running member', async (kind, mode) => {
    const { system, clock, asker, scenario } = await setUp(kind, mode);
    const { outcome } = observe(asker, { timeoutMs: 1000 });
    await flushMicrotasks();
    clock.advance(999);
    for (const p of scenario.running) expect(p).toEqual({ started: 1, aborted: 0 });
    expect(outcome.error).toBeUndefined();

    clock.advance(1);
    expect(TroupeError.is(outcome.error, 'ASK_TIMEOUT')).toBe(true);
    for (const p of scenario.running) expect(p.aborted).toBe(1);
    await flushMicrotasks();
    expect(scenario.notStarted.started).toBe(0);
    await system.shutdown();
  });
});

describe('issue 8.1: one cancel reaches every running stage of nested workflows', () => {
  it.each(['direct', 'spawned'] as const)('%s: every hanging member of a fan-out of pipeline, route and handoff sees its signal fire', async (mode) => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    const stages = ['p', 'f', 'r', 'h'].map((n) => hanging(system, n));
    const [p, f, r, h] = stages.map((s) => s.ref) as [ActorRef, ActorRef, ActorRef, ActorRef];
    const first = system.spawn((m) => textOf(m), { name: 'first' });
    const triage = system.spawn(() => handoffTo('h'), { name: 'triage' });
    const flow = fanOut([pipeline(first, p), f, route(() => 'r', { r }), handoff('triage', { triage, h })], { clock });
    const asker = mode === 'direct' ? flow : system.spawn(flow, { name: 'flow' });
    const controller = new AbortController();
    const { outcome } = observe(asker, { signal: controller.signal });
    await flushMicrotasks();
    expect(stages.map((s) => s.probe.started)).toEqual([1, 1, 1, 1]);

    controller.abort();
    expect(stages.map((s) => s.probe.aborted)).toEqual([1, 1, 1, 1]);
    await flushMicrotasks();
    expect(outcome.completed).toBe(true);
    expect(outcome.parts.map((part) => textOf([part]))).toEqual(expect.arrayContaining(['p stopped', 'f stopped', 'r stopped', 'h stopped']));
    await system.shutdown();
  });
});
