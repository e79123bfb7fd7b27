import { describe, expect, test } from 'vitest';
import { METHOD_CATALOGUE, isStopReason, validateResult, type RequestMethod } from '../src/index.js';
import { resultExamples } from './support/examples.js';

const requests = (Object.keys(METHOD_CATALOGUE) as (keyof typeof METHOD_CATALOGUE)[])
  .filter((m): m is RequestMethod => METHOD_CATALOGUE[m].kind === 'request');

const bad: { [M in RequestMethod]: [unknown, string][] } = {
  initialize: [[{}, '/protocolVersion'], [{ protocolVersion: 1, authMethods: [{ id: 'x' }] }, '/authMethods/0/name'], [{ protocolVersion: 1, agentCapabilities: [] }, '/agentCapabilities']],
  authenticate: [[null, '']],
  logout: [['ok', '']],
  'session/new': [[{}, '/sessionId'], [{ sessionId: 's', modes: { currentModeId: 'a' } }, '/modes/availableModes'],
    [{ sessionId: 's', configOptions: [{ id: 'm', name: 'M', type: 'select', currentValue: 'a', options: [{ value: 'a' }] }] }, '/configOptions/0/options/0/name']],
  'session/load': [[{ configOptions: {} }, '/configOptions']],
  'session/list': [[{}, '/sessions'], [{ sessions: [{ sessionId: 's' }] }, '/sessions/0/cwd']],
  'session/resume': [[{ modes: 1 }, '/modes']],
  'session/close': [[[], '']],
  'session/delete': [[1, '']],
  'session/set_mode': [['', '']],
  'session/set_config_option': [[{}, '/configOptions']],
  'session/prompt': [[{}, '/stopReason'], [{ stopReason: 1 }, '/stopReason']],
  'session/request_permission': [[{ outcome: { outcome: 'selected' } }, '/outcome/optionId'], [{ outcome: { outcome: 'maybe' } }, '/outcome/outcome'], [{ outcome: 'cancelled' }, '/outcome']],
  'fs/read_text_file': [[{}, '/content']],
  'fs/write_text_file': [[null, '']],
  'terminal/create': [[{}, '/terminalId']],
  'terminal/output': [[{ output: '' }, '/truncated'], [{ output: '', truncated: false, exitStatus: { exitCode: -1 } }, '/exitStatus/exitCode']],
  'terminal/wait_for_exit': [[{ exitCode: 'x' }, '/exitCode']],
  'terminal/kill': [[7, '']],
  'terminal/release': [[false, '']],
  'elicitation/create': [[{}, '/action'], [{ action: 'accept', content: { a: { nested: 1 } } }, '/content/a']],
};

describe('validateResult', () => {
  for (const method of requests) {
    test(`${method}: good results pass unchanged; bad ones name the field`, () => {
      for (const result of resultExamples[method] as unknown[]) {
        const v = validateResult(method, result);
        expect(v.ok, JSON.stringify(!v.ok && v.issue)).toBe(true);
        if (v.ok) expect(v.value).toBe(result);
      }
      expect(bad[method].length).toBeGreaterThan(0);
      for (const [result, path] of bad[method]) {
        const v = validateResult(method, result);
        if (v.ok) throw new Error(`accepted ${JSON.stringify(result)}`);
        expect(v.issue.path, JSON.stringify(result)).toBe(path);
      }
    });
  }

  test('a prompt result with an invented stop reason is kept as the raw string and flagged unknown (§17, §19)', () => {
    const v = validateResult('session/prompt', { stopReason: 'stop_sequence', _meta: { x: 1 } });
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value.stopReason).toBe('stop_sequence');
      expect(isStopReason(v.value.stopReason)).toBe(false);
    }
    expect(isStopReason('cancelled')).toBe(true);
  });

  test('config options of unknown type are tolerated (clients SHOULD ignore them, §10.6)', () => {
    expect(validateResult('session/new', { sessionId: 's', configOptions: [{ id: 'x', name: 'X', type: 'slider', min: 0 }] }).ok).toBe(true);
  });

  test('21.41 (result part): unknown fields and _meta on the prompt result are kept', () => {
    const result = { stopReason: 'end_turn', _meta: { usage: { in: 1 } }, futureField: [1] };
    const v = validateResult('session/prompt', result);
    expect(v.ok && v.value).toEqual({ stopReason: 'end_turn', _meta: { usage: { in: 1 } }, futureField: [1] });
  });
});
