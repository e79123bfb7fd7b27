import { describe, expect, test } from 'vitest';
import { METHOD_CATALOGUE, validateParams, type KnownMethod } from '../src/index.js';
import { paramsExamples } from './support/examples.js';

const ok = { sessionId: 's', terminalId: 't' };

/** For every method: params that must fail, and the JSON pointer the error must name. */
const bad: { [M in KnownMethod]: [unknown, string][] } = {
  initialize: [[{}, '/protocolVersion'], [{ protocolVersion: '1' }, '/protocolVersion'], [{ protocolVersion: 70000 }, '/protocolVersion'],
    [{ protocolVersion: 1, clientCapabilities: 'all' }, '/clientCapabilities'], [{ protocolVersion: 1, _meta: 3 }, '/_meta']],
  authenticate: [[{}, '/methodId'], [{ methodId: 1 }, '/methodId']],
  logout: [[[], ''], [7, '']],
  'session/new': [
    [{ cwd: '/r' }, '/mcpServers'],
    [{ cwd: 'relative/dir', mcpServers: [] }, '/cwd'],
    [{ mcpServers: [] }, '/cwd'],
    [{ cwd: '/r', mcpServers: [{ name: 'x', command: '/x', args: [] }] }, '/mcpServers/0/env'],
    [{ cwd: '/r', mcpServers: [{ type: 'http', name: 'x', url: 'u' }] }, '/mcpServers/0/headers'],
    [{ cwd: '/r', mcpServers: [{ type: 'acp', name: 'x', id: 'y' }] }, '/mcpServers/0/type'],
    [{ cwd: '/r', mcpServers: [], additionalDirectories: ['rel'] }, '/additionalDirectories/0'],
  ],
  'session/load': [[{ cwd: '/r', mcpServers: [] }, '/sessionId'], [{ sessionId: 's', cwd: '.', mcpServers: [] }, '/cwd']],
  'session/list': [[{ cwd: 'rel' }, '/cwd'], [{ cursor: 5 }, '/cursor']],
  'session/resume': [[{ sessionId: 's' }, '/cwd'], [{ sessionId: 's', cwd: '/r', mcpServers: {} }, '/mcpServers']],
  'session/close': [[{}, '/sessionId']],
  'session/delete': [[{ sessionId: null }, '/sessionId']],
  'session/set_mode': [[{ sessionId: 's' }, '/modeId']],
  'session/set_config_option': [
    [{ sessionId: 's', configId: 'c' }, '/value'],
    [{ sessionId: 's', configId: 'c', value: true }, '/value'],
    [{ sessionId: 's', configId: 'c', type: 'boolean', value: 'yes' }, '/value'],
    [{ sessionId: 's', value: 'v' }, '/configId'],
  ],
  'session/prompt': [
    [{ sessionId: 's' }, '/prompt'],
    [{ sessionId: 's', prompt: 'hi' }, '/prompt'],
    [{ sessionId: 's', prompt: [{ type: 'txt', text: 'x' }] }, '/prompt/0/type'],
    [{ sessionId: 's', prompt: [{ text: 'x' }] }, '/prompt/0/type'],
    [{ sessionId: 's', prompt: [{ type: 'text', text: 'a' }, { type: 'image', data: 'x' }] }, '/prompt/1/mimeType'],
    [{ sessionId: 's', prompt: [{ type: 'resource', resource: { uri: 'u' } }] }, '/prompt/0/resource'],
    [{ sessionId: 's', prompt: [{ type: 'resource_link', uri: 'u', name: 'n', size: -1 }] }, '/prompt/0/size'],
    [{ sessionId: 's', prompt: [{ type: 'text', text: 'a', annotations: { priority: 'high' } }] }, '/prompt/0/annotations/priority'],
  ],
  'session/cancel': [[{}, '/sessionId']],
  'session/update': [
    [{ sessionId: 's', update: { sessionUpdate: 'agent_message_chunk', delta: 'x' } }, '/update/content'],
    [{ sessionId: 's', update: { sessionUpdate: 'future_variant' } }, '/update/sessionUpdate'],
    [{ update: { sessionUpdate: 'current_mode_update', currentModeId: 'a' } }, '/sessionId'],
    [{ sessionId: 's', update: { sessionUpdate: 'tool_call', toolCallId: 't' } }, '/update/title'],
    [{ sessionId: 's', update: { sessionUpdate: 'plan', entries: [{ content: 'x', priority: 'high' }] } }, '/update/entries/0/status'],
    [{ sessionId: 's', update: { sessionUpdate: 'usage_update', used: 1.5, size: 2 } }, '/update/used'],
    [{ sessionId: 's', update: { sessionUpdate: 'notice', severity: 'info', title: '' } }, '/update/title'],
    [{ sessionId: 's', update: { sessionUpdate: 'tool_call_update', toolCallId: 't', content: [{ type: 'diff', path: '/a' }] } }, '/update/content/0/newText'],
    [{ sessionId: 's', update: { sessionUpdate: 'config_option_update', configOptions: [{ id: 'x', name: 'X', type: 'boolean', currentValue: 'no' }] } }, '/update/configOptions/0/currentValue'],
  ],
  'session/request_permission': [
    [{ sessionId: 's', toolCall: {}, options: [] }, '/toolCall/toolCallId'],
    [{ sessionId: 's', toolCall: { toolCallId: 't' }, options: [{ optionId: 'a', name: 'A' }] }, '/options/0/kind'],
  ],
  'fs/read_text_file': [[{ sessionId: 's', path: 'a.txt' }, '/path'], [{ sessionId: 's', path: '/a', line: -1 }, '/line'], [{ sessionId: 's', path: '/a', limit: 1.5 }, '/limit']],
  'fs/write_text_file': [[{ sessionId: 's', path: '/a' }, '/content']],
  'terminal/create': [[{ sessionId: 's' }, '/command'], [{ sessionId: 's', command: 'ls', env: [{ name: 'A' }] }, '/env/0/value'], [{ sessionId: 's', command: 'ls', cwd: 'rel' }, '/cwd']],
  'terminal/output': [[{ sessionId: 's' }, '/terminalId']],
  'terminal/wait_for_exit': [[{ terminalId: 't' }, '/sessionId']],
  'terminal/kill': [[{ ...ok, terminalId: 3 }, '/terminalId']],
  'terminal/release': [[{}, '/sessionId']],
  'elicitation/create': [
    [{ message: 'm', sessionId: 's' }, '/mode'],
    [{ message: 'm', mode: 'form', sessionId: 's' }, '/requestedSchema'],
    [{ message: 'm', mode: 'url', url: 'https://x', sessionId: 's' }, '/elicitationId'],
    [{ message: 'm', mode: 'url', elicitationId: 'e', url: 'https://x' }, ''],
    [{ message: 'm', mode: 'form', sessionId: 's', requestedSchema: { properties: { a: { title: 'A' } } } }, '/requestedSchema/properties/a/type'],
    [{ mode: 'url', elicitationId: 'e', url: 'u', sessionId: 's' }, '/message'],
  ],
  'elicitation/complete': [[{}, '/elicitationId']],
  '$/cancel_request': [[{}, '/requestId'], [{ requestId: { id: 1 } }, '/requestId']],
};

describe('validateParams', () => {
  for (const method of Object.keys(METHOD_CATALOGUE) as KnownMethod[]) {
    test(`${method}: good params pass and are returned as the same object`, () => {
      for (const params of paramsExamples[method] as unknown[]) {
        const v = validateParams(method, params);
        expect(v.ok, JSON.stringify(!v.ok && v.issue)).toBe(true);
        if (v.ok) expect(v.value).toBe(params);
      }
    });
    test(`${method}: bad params give -32602 naming the field`, () => {
      expect(bad[method].length).toBeGreaterThan(0);
      for (const [params, path] of bad[method]) {
        const v = validateParams(method, params);
        if (v.ok) throw new Error(`accepted ${JSON.stringify(params)}`);
        expect(v.error.code).toBe(-32602);
        expect(v.issue.path, JSON.stringify(params)).toBe(path);
        expect((v.error.data as { path: string }).path).toBe(path);
      }
    });
  }

  test('absent or null params count as {} (logout, session/list) but fail where fields are required', () => {
    expect(validateParams('logout', undefined).ok).toBe(true);
    expect(validateParams('session/list', null).ok).toBe(true);
    const v = validateParams('session/prompt', undefined);
    expect(!v.ok && v.issue.path).toBe('/sessionId');
  });

  test('21.14: session/new without mcpServers, or with a relative cwd, is -32602', () => {
    const a = validateParams('session/new', { cwd: '/repo' });
    const b = validateParams('session/new', { cwd: './repo', mcpServers: [] });
    expect(!a.ok && a.error.code).toBe(-32602);
    expect(!b.ok && b.error.code).toBe(-32602);
    expect(!b.ok && b.error.data).toEqual({ path: '/cwd', reason: 'must be an absolute path' });
  });

  test('optional members may be null (the schema marks most as [T, null])', () => {
    expect(validateParams('fs/read_text_file', { sessionId: 's', path: '/a', line: null, limit: null }).ok).toBe(true);
    expect(validateParams('session/list', { cwd: null, cursor: null }).ok).toBe(true);
  });

  test('open enums: unknown kind/status/priority strings pass (flagged by the is* guards instead)', () => {
    const v = validateParams('session/update', {
      sessionId: 's', update: { sessionUpdate: 'tool_call', toolCallId: 't', title: 'x', kind: 'browser', status: 'weird' },
    });
    expect(v.ok).toBe(true);
    expect(validateParams('session/update', { sessionId: 's', update: { sessionUpdate: 'tool_call', toolCallId: 't', title: 'x', kind: 3 } }).ok).toBe(false);
  });
});

describe('pass-through of unknown fields and _meta', () => {
  test('unknown members and _meta at every level are kept untouched', () => {
    const params = {
      sessionId: 's', extraRoot: { a: 1 }, _meta: { traceparent: 't', troupe: { actor: 'x' } },
      prompt: [{ type: 'text', text: 'hi', futureField: true, _meta: { k: [1, 2] }, annotations: { audience: ['user'], x: 1 } }],
    };
    const snapshot = structuredClone(params);
    const v = validateParams('session/prompt', params);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value).toBe(params);
      expect(v.value).toEqual(snapshot);
    }
  });
});
