import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import {
  sessionEventTypes,
  sessionMachine,
  type SessionEvent,
  type SessionState,
} from '../../src/machines/session-machine.js';
import { describeMatrix, snapshotAfter, REFUSED as x, type Cell } from './transition-matrix.js';

type SessionEventType = (typeof sessionEventTypes)[number];
const input = { sessionId: 's-12' };
const sample = (type: SessionEventType): SessionEvent => ({ type });
const on = (...types: SessionEventType[]) => types.map(sample);

// prettier-ignore
const expected: Record<SessionState, Record<SessionEventType, Cell<SessionState>>> = {
  open:   { PROMPT: 'active', TURN_ENDED: x, CLOSE: 'closed' },
  // A second PROMPT during a turn is refused (ACP §5.3: one active turn per session).
  active: { PROMPT: x, TURN_ENDED: 'open', CLOSE: 'closed' },
  closed: { PROMPT: x, TURN_ENDED: x, CLOSE: x },
};

const paths: Record<SessionState, SessionEvent[]> = {
  open: [],
  active: on('PROMPT'),
  closed: on('CLOSE'),
};

describeMatrix('sessionMachine transitions', { machine: sessionMachine, input, eventTypes: sessionEventTypes, sample, paths, expected });

describe('sessionMachine context', () => {
  it('takes its id from input and starts open with no turns', () => {
    const snapshot = createActor(sessionMachine, { input }).start().getSnapshot();
    expect(snapshot.value).toBe('open');
    expect(snapshot.context).toEqual({ sessionId: 's-12', turns: 0 });
  });

  it('counts every ended turn', () => {
    const snapshot = snapshotAfter(sessionMachine, input, on('PROMPT', 'TURN_ENDED', 'PROMPT', 'TURN_ENDED', 'PROMPT'));
    expect(snapshot.value).toBe('active');
    expect(snapshot.context.turns).toBe(2);
  });

  it('ignored events do not count turns', () => {
    const snapshot = snapshotAfter(sessionMachine, input, on('TURN_ENDED', 'PROMPT', 'PROMPT', 'TURN_ENDED', 'TURN_ENDED'));
    expect(snapshot.context.turns).toBe(1);
  });

  it('closing mid-turn does not count the interrupted turn, and closed is final', () => {
    const snapshot = snapshotAfter(sessionMachine, input, on('PROMPT', 'TURN_ENDED', 'PROMPT', 'CLOSE', 'TURN_ENDED', 'PROMPT'));
    expect(snapshot.value).toBe('closed');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context).toEqual({ sessionId: 's-12', turns: 1 });
  });

  it('SessionState is exactly the machine\'s state value', () => {
    expectTypeOf<SnapshotFrom<typeof sessionMachine>['value']>().toEqualTypeOf<SessionState>();
    expectTypeOf<SessionEvent['type']>().toEqualTypeOf<SessionEventType>();
  });
});
