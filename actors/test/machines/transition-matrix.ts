import { describe, expect, it } from 'vitest';
import {
  initialTransition,
  transition,
  type AnyStateMachine,
  type EventFromLogic,
  type EventObject,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';

/** A "—" cell: the event is accepted (`can()` is true) but the state stays the same. */
export const SAME = '—';
/** A "✗" cell: the event is refused (`can()` is false); state and context stay exactly as they were. */
export const REFUSED = '✗';

export type Cell<S extends string> = S | typeof SAME | typeof REFUSED;

export interface MatrixSpec<S extends string, E extends string> {
  readonly machine: AnyStateMachine;
  readonly input?: unknown;
  /** The event types under test (the machine's exported list). */
  readonly eventTypes: readonly E[];
  /** One well-formed event of each type. */
  readonly sample: (type: E) => EventObject;
  /** Events leading from the initial state to each state. */
  readonly paths: Readonly<Record<S, readonly EventObject[]>>;
  /** Hand-written from the spec: where each (state, event) pair leads. */
  readonly expected: Readonly<Record<S, Readonly<Record<E, Cell<S>>>>>;
}

/** Pure (no clock, no actor): the snapshot after `events`, starting from the initial state. */
export function snapshotAfter<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
  events: readonly EventFromLogic<M>[],
): SnapshotFrom<M> {
  let [snapshot] = initialTransition(machine as AnyStateMachine, input);
  for (const event of events) [snapshot] = transition(machine as AnyStateMachine, snapshot, event);
  return snapshot as SnapshotFrom<M>;
}

/**
 * Generates one test per (state, event) pair from the machine's own state list and the event list,
 * and checks each against the hand-written table, so the test fails if the machine drifts.
 */
export function describeMatrix<S extends string, E extends string>(title: string, spec: MatrixSpec<S, E>): void {
  const { machine, input, eventTypes, sample, paths, expected } = spec;
  const states = Object.keys(machine.states);

  describe(title, () => {
    it('the table has a row for exactly the machine\'s states', () => {
      expect(Object.keys(expected).sort()).toEqual([...states].sort());
      expect(Object.keys(paths).sort()).toEqual([...states].sort());
    });

    it('the event list is exactly the events the machine handles', () => {
      const handled = [...new Set<string>(machine.events)].filter((t) => !t.startsWith('xstate.'));
      expect([...eventTypes].sort()).toEqual(handled.sort());
      expect(new Set(eventTypes).size).toBe(eventTypes.length);
    });

    it.each(states)('state %s is reachable', (state) => {
      const path = paths[state as S];
      expect(path, `no path to ${state}`).toBeDefined();
      expect(snapshotAfter(machine, input, path ?? []).value).toBe(state);
    });

    const pairs = states.flatMap((state) => eventTypes.map((type) => [state, type] as const));
    it.each(pairs)('%s + %s', (state, type) => {
      const row = expected[state as S];
      expect(row, `no expected row for ${state}`).toBeDefined();
      const cell = row?.[type];
      expect(cell, `no expected cell for ${state} + ${type}`).toBeDefined();

      const before = snapshotAfter(machine, input, paths[state as S] ?? []);
      expect(before.value).toBe(state);
      const event = sample(type);
      const [after] = transition(machine, before, event);

      if (cell === REFUSED) {
        expect(before.can(event), 'can() should be false').toBe(false);
        expect(after.value).toBe(state);
        expect(after.context).toEqual(before.context);
        expect(after.status).toBe(before.status);
      } else if (cell === SAME) {
        expect(before.can(event), 'can() should be true').toBe(true);
        expect(after.value).toBe(state);
      } else {
        expect(before.can(event), 'can() should be true').toBe(true);
        expect(after.value).toBe(cell);
      }
    });

    it.each(states.filter((s) => machine.states[s]?.type === 'final'))('final state %s is done and stays put', (state) => {
      let snapshot = snapshotAfter(machine, input, paths[state as S] ?? []);
      expect(snapshot.status).toBe('done');
      for (const type of eventTypes) {
        expect(snapshot.can(sample(type))).toBe(false);
        [snapshot] = transition(machine, snapshot, sample(type));
        expect(snapshot.value).toBe(state);
        expect(snapshot.status).toBe('done');
      }
    });
  });
}
