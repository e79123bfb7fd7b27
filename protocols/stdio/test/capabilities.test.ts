import { describe, expect, test } from 'vitest';
import {
  METHOD_CATALOGUE, PROTOCOL_VERSION, authMethodListable, checkAgentProtocolVersion, checkPromptBlocks,
  checkSessionSetupParams, configOptionsSendable, elicitationModeAllowed, hasCapability, imageBlock, methodAllowed,
  negotiateProtocolVersion, noticeUpdate, compactionUpdate, compactionSummaryChunk, configOptionUpdate, promptBlockAllowed,
  requiredCapability, resourceLinkBlock, textBlock, textResourceBlock, audioBlock, toolCall, terminalContent,
  troupeAgentCapabilities, troupeClientCapabilities, unadvertisedMethodError, updateSendable, agentMessageChunk,
  type AgentCapabilities, type ClientCapabilities,
} from '../src/index.js';
import { configOptions } from './support/examples.js';

describe('version negotiation (§5.1)', () => {
  test('21.11: initialize with protocolVersion 1 and 99 are both answered with 1', () => {
    expect(negotiateProtocolVersion(1)).toBe(1);
    expect(negotiateProtocolVersion(99)).toBe(1);
    expect(negotiateProtocolVersion(0)).toBe(1);
    expect(PROTOCOL_VERSION).toBe(1);
  });

  test('21.12 (wire part): an agent answering protocolVersion 2 is rejected with the value received', () => {
    expect(checkAgentProtocolVersion(2)).toEqual({ ok: false, received: 2 });
    expect(checkAgentProtocolVersion('1')).toEqual({ ok: false, received: '1' });
    expect(checkAgentProtocolVersion(1)).toEqual({ ok: true });
  });
});

describe('method gates (§11)', () => {
  const bare: AgentCapabilities = {};

  test('21.17 (wire part): without loadSession, sessionCapabilities.* or auth.logout the gated methods are refused', () => {
    for (const m of ['session/load', 'session/list', 'session/resume', 'session/close', 'session/delete', 'logout']) {
      expect(methodAllowed(m, { agent: bare }), m).toBe(false);
      expect(methodAllowed(m, { agent: undefined }), m).toBe(false);
    }
    const full = troupeAgentCapabilities({ sessionStore: true, logout: true });
    for (const m of ['session/load', 'session/list', 'session/resume', 'session/close', 'session/delete', 'logout']) {
      expect(methodAllowed(m, { agent: full }), m).toBe(true);
    }
  });

  test('markers: null or absent means unsupported; {} means supported; flags need true', () => {
    expect(methodAllowed('session/list', { agent: { sessionCapabilities: { list: null } } })).toBe(false);
    expect(methodAllowed('session/list', { agent: { sessionCapabilities: { list: {} } } })).toBe(true);
    expect(methodAllowed('session/load', { agent: { loadSession: 'yes' as unknown as boolean } })).toBe(false);
    expect(hasCapability({ holder: 'agent', path: ['a', 'b'], shape: 'marker' }, { agent: { a: 'str' } as AgentCapabilities })).toBe(false);
  });

  test('baseline and extension methods are never gated', () => {
    for (const m of ['initialize', 'session/new', 'session/prompt', 'session/cancel', 'session/update', '_x/y']) {
      expect(methodAllowed(m, {})).toBe(true);
    }
  });

  test('21.19 (wire part): a client that advertised no fs and no terminal allows no fs/* or terminal/* request', () => {
    const client: ClientCapabilities = troupeClientCapabilities();
    for (const m of Object.keys(METHOD_CATALOGUE).filter((n) => n.startsWith('fs/') || n.startsWith('terminal/'))) {
      expect(methodAllowed(m, { client }), m).toBe(false);
    }
    const withAll = troupeClientCapabilities({ fs: { readTextFile: true, writeTextFile: true }, terminal: true });
    for (const m of Object.keys(METHOD_CATALOGUE).filter((n) => n.startsWith('fs/') || n.startsWith('terminal/'))) {
      expect(methodAllowed(m, { client: withAll }), m).toBe(true);
    }
  });

  test('per-session gates: set_mode needs modes; set_config_option needs the listed configId', () => {
    expect(methodAllowed('session/set_mode', { session: {} })).toBe(false);
    expect(methodAllowed('session/set_mode', { session: { modes: { currentModeId: 'a', availableModes: [] } } })).toBe(true);
    expect(methodAllowed('session/set_config_option', { session: { configOptions } }, 'model')).toBe(true);
    expect(methodAllowed('session/set_config_option', { session: { configOptions } }, 'nope')).toBe(false);
    expect(methodAllowed('session/set_config_option', { session: {} }, 'model')).toBe(false);
  });

  test('elicitation/create needs form or url; requiredCapability names the gate', () => {
    expect(methodAllowed('elicitation/create', { client: { elicitation: {} } })).toBe(false);
    expect(methodAllowed('elicitation/create', { client: { elicitation: { url: {} } } })).toBe(true);
    expect(elicitationModeAllowed({ elicitation: { url: {} } }, 'form')).toBe(false);
    expect(elicitationModeAllowed({ elicitation: { url: {} } }, 'url')).toBe(true);
    expect(requiredCapability('terminal/kill')).toBe('clientCapabilities.terminal');
    expect(requiredCapability('session/new')).toBe(undefined);
  });
});

describe('content gates', () => {
  test('21.18 (wire part): image, audio and resource prompt blocks need the matching prompt capability', () => {
    const prompt = [textBlock('a'), resourceLinkBlock('file:///a', 'a'), imageBlock('x', 'image/png'), audioBlock('x', 'audio/wav'), textResourceBlock('u', 't')];
    expect(checkPromptBlocks({}, prompt)).toMatchObject({ code: -32602, data: { path: '/prompt/2/type' } });
    expect(checkPromptBlocks({ promptCapabilities: { image: true } }, prompt)).toMatchObject({ data: { path: '/prompt/3/type' } });
    expect(checkPromptBlocks({ promptCapabilities: { image: true, audio: true } }, prompt)).toMatchObject({ data: { path: '/prompt/4/type' } });
    expect(checkPromptBlocks({ promptCapabilities: { image: true, audio: true, embeddedContext: true } }, prompt)).toBe(undefined);
    expect(promptBlockAllowed(undefined, 'text')).toBe(true);
    expect(promptBlockAllowed(undefined, 'resource_link')).toBe(true);
    expect(promptBlockAllowed(undefined, 'video')).toBe(false);
  });

  test('http/sse MCP servers and additionalDirectories need their capability', () => {
    const http = { type: 'http', name: 'w', url: 'u', headers: [] };
    expect(checkSessionSetupParams({}, { mcpServers: [{ name: 's', command: '/c', args: [], env: [] }, http] })).toMatchObject({ data: { path: '/mcpServers/1/type' } });
    expect(checkSessionSetupParams({ mcpCapabilities: { http: true } }, { mcpServers: [http] })).toBe(undefined);
    expect(checkSessionSetupParams({}, { mcpServers: [], additionalDirectories: ['/x'] })).toMatchObject({ data: { path: '/additionalDirectories' } });
    expect(checkSessionSetupParams({ sessionCapabilities: { additionalDirectories: {} } }, { additionalDirectories: ['/x'] })).toBe(undefined);
  });

  test('21.20: notice, compaction_* and boolean config options only when advertised; unstable variants never', () => {
    const none: ClientCapabilities = {};
    const all: ClientCapabilities = { session: { notices: {}, compaction: {}, configOptions: { boolean: {} } } };
    const gated = [noticeUpdate('info', 'x'), compactionUpdate({ compactionId: 'c', status: 'in_progress' }), compactionSummaryChunk('c', textBlock('s')), configOptionUpdate(configOptions)];
    for (const u of gated) {
      expect(updateSendable(none, u).ok, u.sessionUpdate).toBe(false);
      expect(updateSendable(all, u).ok, u.sessionUpdate).toBe(true);
    }
    expect(updateSendable(none, { sessionUpdate: 'plan_update' })).toEqual({ ok: false, reason: 'unstable-or-unknown' });
    expect(updateSendable(all, { sessionUpdate: 'subagent_update' }).ok).toBe(false);
    expect(updateSendable(none, agentMessageChunk('x')).ok).toBe(true);
    expect(configOptionsSendable(none, configOptions.filter((o) => o.type === 'select'))).toBe(true);
    expect(configOptionsSendable(none, configOptions)).toBe(false);
  });

  test('terminal tool-call content needs client terminal', () => {
    const u = toolCall({ toolCallId: 't', title: 'x', content: [terminalContent('term')] });
    expect(updateSendable({}, u)).toEqual({ ok: false, reason: 'not-advertised', capability: 'terminal' });
    expect(updateSendable({ terminal: true }, u).ok).toBe(true);
  });

  test('terminal auth methods need client auth.terminal', () => {
    expect(authMethodListable({}, { type: 'terminal' })).toBe(false);
    expect(authMethodListable({ auth: { terminal: true } }, { type: 'terminal' })).toBe(true);
    expect(authMethodListable({}, {})).toBe(true);
  });
});

describe('Troupe gate policy (§11.3)', () => {
  test('an unadvertised client method is -32601, except an unadvertised elicitation mode which is -32602', () => {
    expect(unadvertisedMethodError('fs/read_text_file', {}).code).toBe(-32601);
    expect(unadvertisedMethodError('elicitation/create', { mode: 'form' })).toMatchObject({ code: -32602, data: { path: '/mode' } });
  });

  test('drive advertisement: notices, compaction and boolean config options always; fs/terminal/elicitation only as offered', () => {
    expect(troupeClientCapabilities()).toEqual({
      fs: { readTextFile: false, writeTextFile: false }, terminal: false,
      session: { notices: {}, compaction: {}, configOptions: { boolean: {} } },
    });
    expect(troupeClientCapabilities({ elicitation: { url: true }, meta: { troupe: { methods: ['_troupe/x'] } } })).toMatchObject({
      elicitation: { url: {} }, _meta: { troupe: { methods: ['_troupe/x'] } },
    });
    expect(troupeClientCapabilities({ elicitation: { url: true } }).elicitation).toEqual({ url: {} });
  });

  test('serve advertisement: exactly what is implemented', () => {
    const minimal = troupeAgentCapabilities();
    expect(minimal.loadSession).toBe(false);
    expect(minimal.sessionCapabilities).toEqual({});
    expect(minimal.auth).toBe(undefined);
    const store = troupeAgentCapabilities({ sessionStore: true });
    expect(store.sessionCapabilities).toEqual({ list: {}, resume: {}, close: {}, delete: {} });
  });
});
