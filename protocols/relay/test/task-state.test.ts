import { expect, test } from 'vitest';
import { canTransition, isTaskState, isTerminalState, TASK_STATES, transitionOutcome, type TaskState } from '../src/index.js';

const NON_TERMINAL: TaskState[] = ['submitted', 'working', 'input_required', 'cancelling'];

test('the §4.2 table, cell by cell', () => {
  const expected: Record<string, string> = {
    'submitted>working': 'change', 'submitted>input_required': 'change', 'submitted>cancelling': 'change', 'submitted>completed': 'change',
    'submitted>failed': 'change', 'working>input_required': 'change', 'working>cancelling': 'change', 'working>completed': 'change',
    'working>failed': 'change', 'input_required>working': 'change', 'input_required>cancelling': 'change', 'input_required>completed': 'change',
    'input_required>failed': 'change', 'cancelling>completed': 'change', 'cancelling>failed': 'change', 'cancelling>canceled': 'change',
    'submitted>submitted': 'same', 'working>working': 'same', 'input_required>input_required': 'same', 'cancelling>cancelling': 'same',
  };
  for (const from of TASK_STATES) {
    for (const to of TASK_STATES) {
      expect(transitionOutcome(from, to, 'local'), `${from} -> ${to}`).toBe(expected[`${from}>${to}`] ?? 'denied');
    }
  }
});

test('a direct move to canceled is peer-only; nothing returns to submitted; terminal is final', () => {
  for (const from of ['submitted', 'working', 'input_required'] as const) {
    expect(canTransition(from, 'canceled')).toBe(false);
    expect(canTransition(from, 'canceled', 'peer')).toBe(true);
  }
  for (const from of TASK_STATES) if (from !== 'submitted') expect(canTransition(from, 'submitted', 'peer')).toBe(false);
  for (const from of ['completed', 'failed', 'canceled'] as const) {
    expect(isTerminalState(from)).toBe(true);
    for (const to of TASK_STATES) expect(canTransition(from, to, 'peer')).toBe(false);
  }
  for (const s of NON_TERMINAL) expect(isTerminalState(s)).toBe(false);
});

test('R58: working → cancelling → canceled is the local cancel path; cancelling cannot resume (state part)', () => {
  expect(transitionOutcome('working', 'cancelling')).toBe('change');
  expect(transitionOutcome('cancelling', 'canceled')).toBe('change');
  expect(canTransition('cancelling', 'working')).toBe(false);
  expect(canTransition('canceled', 'canceled')).toBe(false);
});

test('R62: working on a completed task is refused (state part)', () => {
  expect(canTransition('completed', 'working')).toBe(false);
  expect(isTaskState('bogus')).toBe(false);
  expect(isTaskState('cancelling')).toBe(true);
});
