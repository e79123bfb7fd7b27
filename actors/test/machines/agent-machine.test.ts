import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor, type SnapshotFrom, type StateNode } from 'xstate';
import {
  agentEventTypes,
  agentMachine,
  type AgentEvent,
  type AgentEventType,
  type AgentLifecycleState,
} from '../../src/machines/agent-machine.js';
import { describeMatrix, snapshotAfter, REFUSED as x, type Cell } from './transition-matrix.js';

const sample = (type: AgentEventType): AgentEvent =>
  type === 'FAIL' ? { type, error: new Error('boom') } : { type };

const on = (...types: AgentEventType[]) => types.map(sample);

// Written from the lifecycle spec (brief + ARCHITECTURE.md supervision), not from the machine.
// prettier-ignore
const expected: Record<AgentLifecycleState, Record<AgentEventType, Cell<AgentLifecycleState>>> = {
  //            STARTED  WORK    DRAINED  FAIL      RESTART       RESUME     STOP        STOPPED
  starting:   { STARTED: 'idle', WORK: x, DRAINED: x, FAIL: 'failed', RESTART: 'restarting', RESUME: x, STOP: 'stopping', STOPPED: x },
  idle:       { STARTED: x, WORK: 'busy', DRAINED: x, FAIL: 'failed', RESTART: 'restarting', RESUME: x, STOP: 'stopping', STOPPED: x },
  busy:       { STARTED: x, WORK: x, DRAINED: 'idle', FAIL: 'failed', RESTART: 'restarting', RESUME: x, STOP: 'stopping', STOPPED: x },
  stopping:   { STARTED: x, WORK: x, DRAINED: x, FAIL: x, RESTART: x, RESUME: x, STOP: x, STOPPED: 'stopped' },
  stopped:    { STARTED: x, WORK: x, DRAINED: x, FAIL: x, RESTART: x, RESUME: x, STOP: x, STOPPED: x },
  failed:     { STARTED: x, WORK: x, DRAINED: x, FAIL: x, RESTART: 'restarting', RESUME: 'idle', STOP: 'stopping', STOPPED: x },
  restarting: { STARTED: 'idle', WORK: x, DRAINED: x, FAIL: 'failed', RESTART: x, RESUME: x, STOP: 'stopping', STOPPED: 'starting' },
};

const paths: Record<AgentLifecycleState, AgentEvent[]> = {
  starting: [],
  idle: on('STARTED'),
  busy: on('STARTED', 'WORK'),
  stopping: on('STARTED', 'STOP'),
  stopped: on('STARTED', 'STOP', 'STOPPED'),
  failed: on('STARTED', 'WORK', 'FAIL'),
  restarting: on('STARTED', 'WORK', 'FAIL', 'RESTART'),
};

describeMatrix('agentMachine transitions', { machine: agentMachine, eventTypes: agentEventTypes, sample, paths, expected });

describe('agentMachine lifecycles', () => {
  it('starts in starting', () => {
    expect(createActor(agentMachine).start().getSnapshot().value).toBe('starting');
  });

  it('restarts through a fresh start phase, or straight to idle', () => {
    expect(snapshotAfter(agentMachine, undefined, on('STARTED', 'WORK', 'FAIL', 'RESTART', 'STOPPED', 'STARTED')).value).toBe('idle');
    expect(snapshotAfter(agentMachine, undefined, on('STARTED', 'FAIL', 'RESTART', 'STARTED', 'WORK')).value).toBe('busy');
  });

  it('restarts a healthy sibling (one-for-all)', () => {
    expect(snapshotAfter(agentMachine, undefined, on('STARTED', 'WORK', 'RESTART')).value).toBe('restarting');
  });

  it('a supervisor that gives up stops a failed agent', () => {
    const snapshot = snapshotAfter(agentMachine, undefined, on('FAIL', 'STOP', 'FAIL', 'STOPPED'));
    expect(snapshot.value).toBe('stopped');
    expect(snapshot.status).toBe('done');
  });

  it('AgentLifecycleState is exactly the machine\'s state value', () => {
    expectTypeOf<SnapshotFrom<typeof agentMachine>['value']>().toEqualTypeOf<AgentLifecycleState>();
    expectTypeOf<AgentEvent['type']>().toEqualTypeOf<AgentEventType>();
  });
});

// The runtime compiles this machine into a (state, event type) → state table instead of hosting an
// XState actor per agent. That is only sound while the chart stays a pure, flat table.
describe('agentMachine is a flat, pure state chart', () => {
  type Node = StateNode<any, any>;
  const root = agentMachine.root as Node;
  const children = Object.values(root.states) as Node[];

  it('has no context', () => {
    expect(agentMachine.config.context).toBeUndefined();
    expect(createActor(agentMachine).getSnapshot().context).toEqual({});
  });

  it('the root is a plain compound state with only atomic or final children', () => {
    expect(root.type).toBe('compound');
    expect(children.length).toBeGreaterThan(0);
    for (const node of children) {
      expect(['atomic', 'final'], node.id).toContain(node.type);
      expect(Object.keys(node.states), node.id).toEqual([]);
    }
  });

  it('has no actions, guards, delays, eventless transitions, invocations or outputs anywhere', () => {
    for (const node of [root, ...children]) {
      expect(node.entry, `${node.id} entry`).toEqual([]);
      expect(node.exit, `${node.id} exit`).toEqual([]);
      expect(node.after, `${node.id} after`).toEqual([]);
      expect(node.always ?? [], `${node.id} always`).toEqual([]);
      expect(node.invoke, `${node.id} invoke`).toEqual([]);
      expect(node.output, `${node.id} output`).toBeUndefined();
    }
    const config = agentMachine.config as Record<string, unknown>;
    for (const key of ['context', 'entry', 'exit', 'after', 'always', 'invoke', 'on', 'output']) {
      expect(config[key], `root ${key}`).toBeUndefined();
    }
    expect(Object.keys(agentMachine.implementations.actions)).toEqual([]);
    expect(Object.keys(agentMachine.implementations.guards)).toEqual([]);
    expect(Object.keys(agentMachine.implementations.delays)).toEqual([]);
    expect(Object.keys(agentMachine.implementations.actors)).toEqual([]);
  });

  it('every transition is one unguarded, action-free move to one sibling, keyed by a known event type', () => {
    const known = new Set<string>(agentEventTypes);
    for (const node of children) {
      for (const [type, candidates] of node.transitions) {
        expect(known.has(type), `${node.id}: unknown event ${type}`).toBe(true);
        expect(candidates, `${node.id} + ${type}`).toHaveLength(1);
        const [t] = candidates;
        expect(t?.guard, `${node.id} + ${type} guard`).toBeUndefined();
        expect(t?.actions, `${node.id} + ${type} actions`).toEqual([]);
        expect(t?.reenter, `${node.id} + ${type} reenter`).toBe(false);
        expect(t?.target?.map((n) => n.parent), `${node.id} + ${type} target`).toEqual([root]);
      }
    }
  });

  it('its table can be compiled and agrees with the machine', () => {
    // What the runtime does, in miniature: read the definition, never run the machine.
    const table = new Map<string, string>();
    for (const node of children) {
      for (const [type, [t]] of node.transitions) table.set(`${node.key}/${type}`, t?.target?.[0]?.key ?? '');
    }
    for (const state of Object.keys(paths) as AgentLifecycleState[]) {
      for (const type of agentEventTypes) {
        const next = table.get(`${state}/${type}`) ?? state;
        const cell = expected[state][type];
        expect(next, `${state} + ${type}`).toBe(cell === x ? state : cell);
      }
    }
  });
});
