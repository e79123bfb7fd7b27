import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import {
  taskEventTypes,
  taskMachine,
  type TaskEvent,
  type TaskState,
} from '../../src/machines/task-machine.js';
import { describeMatrix, snapshotAfter, REFUSED as x, SAME as same, type Cell } from './transition-matrix.js';

type TaskEventType = (typeof taskEventTypes)[number];

let tick = 0;
const input = { taskId: 't-3', contextId: 'ctx-1', now: () => ++tick * 1000 };
const sample = (type: TaskEventType): TaskEvent => (type === 'FAIL' ? { type, error: 'boom' } : { type });
const on = (...types: TaskEventType[]) => types.map(sample);
const states = (events: TaskEvent[]) => snapshotAfter(taskMachine, input, events).context.history.map((h) => h.state);

// acp-relay.md §4.2, cell by cell. Columns are events; each event targets one "to" column of §4.2:
// START/INPUT → working, NEED_INPUT → input_required, CANCEL → cancelling, CANCELED/PEER_CANCELED →
// canceled, COMPLETE → completed, FAIL → failed; ARTIFACT is the "artifact may still be appended".
// "peer only" (§4.2) is PEER_CANCELED; locally canceled comes only from cancelling (§4.6).
// INPUT (:continue) only from input_required (§3.6.6). Terminal rows: ✗ everywhere.
// prettier-ignore
const expected: Record<TaskState, Record<TaskEventType, Cell<TaskState>>> = {
  submitted:      { START: 'working', INPUT: x,         NEED_INPUT: 'input_required', ARTIFACT: same, CANCEL: 'cancelling', CANCELED: x,          PEER_CANCELED: 'canceled', COMPLETE: 'completed', FAIL: 'failed' },
  working:        { START: same,      INPUT: x,         NEED_INPUT: 'input_required', ARTIFACT: same, CANCEL: 'cancelling', CANCELED: x,          PEER_CANCELED: 'canceled', COMPLETE: 'completed', FAIL: 'failed' },
  input_required: { START: 'working', INPUT: 'working', NEED_INPUT: same,             ARTIFACT: same, CANCEL: 'cancelling', CANCELED: x,          PEER_CANCELED: 'canceled', COMPLETE: 'completed', FAIL: 'failed' },
  cancelling:     { START: x,         INPUT: x,         NEED_INPUT: x,                ARTIFACT: same, CANCEL: same,         CANCELED: 'canceled', PEER_CANCELED: 'canceled', COMPLETE: 'completed', FAIL: 'failed' },
  completed:      { START: x,         INPUT: x,         NEED_INPUT: x,                ARTIFACT: x,    CANCEL: x,            CANCELED: x,          PEER_CANCELED: x,          COMPLETE: x,           FAIL: x },
  failed:         { START: x,         INPUT: x,         NEED_INPUT: x,                ARTIFACT: x,    CANCEL: x,            CANCELED: x,          PEER_CANCELED: x,          COMPLETE: x,           FAIL: x },
  canceled:       { START: x,         INPUT: x,         NEED_INPUT: x,                ARTIFACT: x,    CANCEL: x,            CANCELED: x,          PEER_CANCELED: x,          COMPLETE: x,           FAIL: x },
};

const paths: Record<TaskState, TaskEvent[]> = {
  submitted: [],
  working: on('START'),
  input_required: on('START', 'NEED_INPUT'),
  cancelling: on('START', 'CANCEL'),
  completed: on('START', 'COMPLETE'),
  failed: on('START', 'FAIL'),
  canceled: on('START', 'CANCEL', 'CANCELED'),
};

describeMatrix('taskMachine transitions (acp-relay.md §4.2)', { machine: taskMachine, input, eventTypes: taskEventTypes, sample, paths, expected });

describe('taskMachine context', () => {
  const stateList = Object.keys(taskMachine.states) as TaskState[];
  const pairs = stateList.flatMap((s) => taskEventTypes.map((t) => [s, t] as const));

  it.each(pairs)('%s + %s: history grows by one entry exactly when the state changes', (state, type) => {
    const before = snapshotAfter(taskMachine, input, paths[state]);
    const [after] = transition(taskMachine, before, sample(type));
    const cell = expected[state][type];
    if (cell === x || cell === same) {
      expect(after.context.history).toEqual(before.context.history);
    } else {
      expect(after.context.history.slice(0, -1)).toEqual(before.context.history);
      expect(after.context.history.at(-1)?.state).toBe(cell);
    }
    // "—" cells add nothing but an artifact.
    expect(after.context.artifacts).toBe(before.context.artifacts + (type === 'ARTIFACT' && cell === same ? 1 : 0));
  });

  it('starts submitted with its ids and an entry stamped by the injected clock', () => {
    const actor = createActor(taskMachine, { input: { taskId: 't-1', now: () => 42 } }).start();
    expect(actor.getSnapshot().value).toBe('submitted');
    expect(actor.getSnapshot().context).toMatchObject({
      taskId: 't-1',
      contextId: undefined,
      history: [{ state: 'submitted', at: 42 }],
      error: undefined,
      artifacts: 0,
    });
  });

  it('stamps every state change with now()', () => {
    let t = 100;
    const actor = createActor(taskMachine, { input: { taskId: 't-1', contextId: 'c', now: () => t } }).start();
    for (const type of ['START', 'NEED_INPUT', 'INPUT', 'COMPLETE'] as const) {
      t += 10;
      actor.send({ type });
    }
    expect(actor.getSnapshot().context.history).toEqual([
      { state: 'submitted', at: 100 },
      { state: 'working', at: 110 },
      { state: 'input_required', at: 120 },
      { state: 'working', at: 130 },
      { state: 'completed', at: 140 },
    ]);
    expect(actor.getSnapshot().context.contextId).toBe('c');
  });

  it('defaults now() to Date.now', () => {
    const lo = Date.now();
    const at = createActor(taskMachine, { input: { taskId: 't-1' } }).start().getSnapshot().context.history[0]?.at;
    expect(at).toBeGreaterThanOrEqual(lo);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('FAIL records its error, from any non-terminal state (DELETE → "deleted", §3.6.8)', () => {
    for (const state of ['submitted', 'working', 'input_required', 'cancelling'] as const) {
      const snapshot = snapshotAfter(taskMachine, input, [...paths[state], { type: 'FAIL', error: 'deleted' }]);
      expect(snapshot.value).toBe('failed');
      expect(snapshot.context.error).toBe('deleted');
    }
  });

  it('counts artifacts, the one that comes with a completing update included', () => {
    const snapshot = snapshotAfter(taskMachine, input, on('ARTIFACT', 'START', 'ARTIFACT', 'ARTIFACT', 'COMPLETE', 'ARTIFACT'));
    expect(snapshot.context.artifacts).toBe(3);
  });

  it('TaskState is exactly the machine\'s state value', () => {
    expectTypeOf<SnapshotFrom<typeof taskMachine>['value']>().toEqualTypeOf<TaskState>();
    expectTypeOf<TaskEvent['type']>().toEqualTypeOf<TaskEventType>();
  });
});

describe('taskMachine two-phase cancel (§4.6)', () => {
  it('a local cancel passes through cancelling, then the acknowledgement cancels', () => {
    expect(states(on('START', 'CANCEL', 'CANCEL', 'CANCELED'))).toEqual(['submitted', 'working', 'cancelling', 'canceled']);
  });

  it('a task nobody started can be canceled at once: both phases back to back', () => {
    expect(states(on('CANCEL', 'CANCELED'))).toEqual(['submitted', 'cancelling', 'canceled']);
  });

  it('relay: work that finishes before the acknowledgement wins (§4.6.2)', () => {
    expect(states(on('START', 'CANCEL', 'COMPLETE', 'CANCELED'))).toEqual(['submitted', 'working', 'cancelling', 'completed']);
  });

  it('ACP: the plugin answers a settled turn with CANCELED, whatever the actor did (§13.1)', () => {
    expect(states(on('START', 'CANCEL', 'CANCELED', 'COMPLETE'))).toEqual(['submitted', 'working', 'cancelling', 'canceled']);
  });

  it('a peer\'s canceled moves a mirror task directly ("peer only", §4.2)', () => {
    expect(states(on('START', 'NEED_INPUT', 'PEER_CANCELED'))).toEqual(['submitted', 'working', 'input_required', 'canceled']);
  });

  it('a cancelling task cannot go back to work', () => {
    const snapshot = snapshotAfter(taskMachine, input, on('START', 'CANCEL', 'START', 'NEED_INPUT', 'INPUT'));
    expect(snapshot.value).toBe('cancelling');
  });

  it('nothing returns to submitted', () => {
    for (const state of Object.keys(expected) as TaskState[]) {
      for (const type of taskEventTypes) expect(expected[state][type]).not.toBe('submitted');
    }
  });
});
