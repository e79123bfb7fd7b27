/**
 * One or more valid params and results for every stable method, built with
 * the package's builders and types. Shared by the validator tests and the
 * schema test, so every example is also checked against the SDK schema.
 */
import {
  agentMessageChunk, agentThoughtChunk, audioBlock, availableCommandsUpdate, blobResourceBlock, compactionSummaryChunk,
  compactionUpdate, configOptionUpdate, currentModeUpdate, diffContent, imageBlock, noticeUpdate, planUpdate,
  resourceLinkBlock, sessionInfoUpdate, terminalContent, textBlock, textResourceBlock, toolCall, toolCallUpdate,
  toolContent, troupeAgentCapabilities, troupeClientCapabilities, usageUpdate, userMessageChunk,
  type KnownMethod, type NotificationMap, type RequestMap, type RequestMethod, type SessionConfigOption, type SessionUpdate,
} from '../../src/index.js';

export const configOptions: SessionConfigOption[] = [
  {
    id: 'model', name: 'Model', category: 'model', type: 'select', currentValue: 'fast',
    options: [{ value: 'fast', name: 'Fast' }, { value: 'smart', name: 'Smart', description: 'slower' }],
  },
  {
    id: 'effort', name: 'Effort', type: 'select', currentValue: 'low',
    options: [{ group: 'g', name: 'Group', options: [{ value: 'low', name: 'Low' }] }],
  },
  { id: 'verbose', name: 'Verbose', description: 'more output', category: '_custom', type: 'boolean', currentValue: false },
];

const modes = { currentModeId: 'ask', availableModes: [{ id: 'ask', name: 'Ask' }, { id: 'code', name: 'Code', description: 'edits' }] };

/** One example of every stable session/update variant. */
export const updateExamples: SessionUpdate[] = [
  userMessageChunk('hello', 'u-1'),
  agentMessageChunk(textBlock('Hi'), 'm-1'),
  agentMessageChunk({ type: 'text', text: 'x', annotations: { audience: ['user'], priority: 1, lastModified: '2026-01-01' }, _meta: { k: 1 } }),
  agentMessageChunk(imageBlock('aGk=', 'image/png', 'file:///a.png')),
  agentMessageChunk(audioBlock('aGk=', 'audio/wav')),
  agentMessageChunk(resourceLinkBlock('file:///a.ts', 'a.ts', { title: 'A', description: 'd', mimeType: 'text/plain', size: 3 })),
  agentMessageChunk(textResourceBlock('file:///a.ts', 'const a = 1;', 'text/typescript')),
  agentMessageChunk(blobResourceBlock('file:///a.bin', 'AAEC')),
  agentThoughtChunk('thinking', 'm-1'),
  toolCall({
    toolCallId: 't1', title: 'Edit a.ts', kind: 'edit', status: 'pending', name: 'edit_file',
    content: [toolContent(textBlock('done')), diffContent('/repo/a.ts', null, 'x'), terminalContent('term-1')],
    locations: [{ path: '/repo/a.ts', line: 3 }], rawInput: { path: 'a.ts' }, rawOutput: null,
  }),
  toolCallUpdate({ toolCallId: 't1', status: 'completed', content: [diffContent('/repo/a.ts', 'x', 'y')] }),
  toolCallUpdate({ toolCallId: 't1', name: null }),
  planUpdate([{ content: 'write tests', priority: 'high', status: 'in_progress' }, { content: 'ship', priority: 'low', status: 'pending' }]),
  availableCommandsUpdate([{ name: 'test', description: 'Run tests', input: { hint: 'pattern' } }, { name: 'plan', description: 'Plan' }]),
  currentModeUpdate('code'),
  configOptionUpdate(configOptions),
  sessionInfoUpdate({ title: 'Fix the build', updatedAt: '2026-05-01T00:00:00Z' }),
  sessionInfoUpdate({ title: null }),
  usageUpdate(1200, 200000, { amount: 0.01, currency: 'USD' }),
  usageUpdate(0, 1),
  noticeUpdate('warning', 'Rate limited', 'retrying in 5 s'),
  compactionUpdate({ compactionId: 'c1', status: 'completed', summary: [textBlock('so far')] }),
  compactionUpdate({ compactionId: 'c2', status: 'failed', error: 'too long' }),
  compactionSummaryChunk('c1', textBlock('more')),
];

type ParamsExamples = { [M in KnownMethod]: (M extends RequestMethod ? RequestMap[M]['params'] : M extends keyof NotificationMap ? NotificationMap[M] : never)[] };
type ResultExamples = { [M in RequestMethod]: RequestMap[M]['result'][] };

export const paramsExamples: ParamsExamples = {
  initialize: [
    { protocolVersion: 1, clientCapabilities: troupeClientCapabilities({ fs: { readTextFile: true }, terminal: true, elicitation: { url: true } }), clientInfo: { name: 'troupe', version: '0.1.0' } },
    { protocolVersion: 1 },
  ],
  authenticate: [{ methodId: 'api-key' }],
  logout: [{}],
  'session/new': [
    {
      cwd: '/repo', additionalDirectories: ['/other'],
      mcpServers: [
        { name: 'fs', command: '/usr/bin/mcp-fs', args: ['--ro'], env: [{ name: 'A', value: '1' }] },
        { type: 'http', name: 'web', url: 'https://mcp.example.com', headers: [{ name: 'Authorization', value: 'x' }] },
        { type: 'sse', name: 'events', url: 'https://mcp.example.com/sse', headers: [] },
      ],
    },
    { cwd: 'C:\\work', mcpServers: [] },
  ],
  'session/load': [{ sessionId: 's-1', cwd: '/repo', mcpServers: [] }],
  'session/list': [{}, { cwd: '/repo', cursor: 'opaque' }],
  'session/resume': [{ sessionId: 's-1', cwd: '/repo' }, { sessionId: 's-1', cwd: '/repo', mcpServers: [], additionalDirectories: [] }],
  'session/close': [{ sessionId: 's-1' }],
  'session/delete': [{ sessionId: 's-1' }],
  'session/set_mode': [{ sessionId: 's-1', modeId: 'code' }],
  'session/set_config_option': [
    { sessionId: 's-1', configId: 'model', value: 'smart' },
    { sessionId: 's-1', configId: 'verbose', type: 'boolean', value: true },
  ],
  'session/prompt': [{
    sessionId: 's-1',
    prompt: [textBlock('fix it'), resourceLinkBlock('file:///repo/a.ts', 'a.ts'), imageBlock('aGk=', 'image/png'), textResourceBlock('file:///b', 'b')],
    _meta: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  }],
  'session/cancel': [{ sessionId: 's-1' }],
  'session/update': updateExamples.map((update) => ({ sessionId: 's-1', update })),
  'session/request_permission': [{
    sessionId: 's-1',
    toolCall: { toolCallId: 't1', title: 'Run rm', kind: 'execute' },
    options: [
      { optionId: 'a', name: 'Allow', kind: 'allow_once' }, { optionId: 'b', name: 'Always', kind: 'allow_always' },
      { optionId: 'c', name: 'Reject', kind: 'reject_once' }, { optionId: 'd', name: 'Never', kind: 'reject_always' },
    ],
  }],
  'fs/read_text_file': [{ sessionId: 's-1', path: '/repo/a.ts', line: 1, limit: 10 }, { sessionId: 's-1', path: '/repo/a.ts' }],
  'fs/write_text_file': [{ sessionId: 's-1', path: '/repo/a.ts', content: 'x' }],
  'terminal/create': [
    { sessionId: 's-1', command: 'npm', args: ['test'], env: [{ name: 'CI', value: '1' }], cwd: '/repo', outputByteLimit: 1024 },
    { sessionId: 's-1', command: 'ls' },
  ],
  'terminal/output': [{ sessionId: 's-1', terminalId: 'term-1' }],
  'terminal/wait_for_exit': [{ sessionId: 's-1', terminalId: 'term-1' }],
  'terminal/kill': [{ sessionId: 's-1', terminalId: 'term-1' }],
  'terminal/release': [{ sessionId: 's-1', terminalId: 'term-1' }],
  'elicitation/create': [
    {
      message: 'Your name?', mode: 'form', sessionId: 's-1', toolCallId: 't1',
      requestedSchema: { type: 'object', properties: { name: { type: 'string', title: 'Name' }, age: { type: 'integer' } }, required: ['name'] },
    },
    { message: 'Log in', mode: 'url', elicitationId: 'e-1', url: 'https://example.com/login', requestId: 4 },
  ],
  'elicitation/complete': [{ elicitationId: 'e-1' }],
  '$/cancel_request': [{ requestId: 3 }, { requestId: 'r-3' }],
};

export const resultExamples: ResultExamples = {
  initialize: [
    {
      protocolVersion: 1,
      agentCapabilities: troupeAgentCapabilities({ sessionStore: true, logout: true, additionalDirectories: true, prompt: { image: true }, mcp: { http: true } }),
      authMethods: [{ id: 'api-key', name: 'API key', description: 'paste a key' }, { type: 'terminal', id: 'login', name: 'Log in', args: ['--login'], env: { A: '1' } }],
      agentInfo: { name: 'troupe', version: '0.1.0', title: 'Troupe' },
    },
    { protocolVersion: 1, agentCapabilities: troupeAgentCapabilities(), authMethods: [] },
  ],
  authenticate: [{}],
  logout: [{}],
  'session/new': [{ sessionId: 's-1', modes, configOptions }, { sessionId: 's-2' }],
  'session/load': [{ modes, configOptions }, {}],
  'session/list': [{ sessions: [{ sessionId: 's-1', cwd: '/repo', title: 'T', updatedAt: '2026-01-01T00:00:00Z', additionalDirectories: [] }], nextCursor: 'c2' }, { sessions: [] }],
  'session/resume': [{ configOptions }, {}],
  'session/close': [{}],
  'session/delete': [{}],
  'session/set_mode': [{}],
  'session/set_config_option': [{ configOptions }],
  'session/prompt': [{ stopReason: 'end_turn' }, { stopReason: 'max_tokens' }, { stopReason: 'max_turn_requests' }, { stopReason: 'refusal' }, { stopReason: 'cancelled' }],
  'session/request_permission': [{ outcome: { outcome: 'selected', optionId: 'a' } }, { outcome: { outcome: 'cancelled' } }],
  'fs/read_text_file': [{ content: 'x' }],
  'fs/write_text_file': [{}],
  'terminal/create': [{ terminalId: 'term-1' }],
  'terminal/output': [{ output: 'ok', truncated: false }, { output: '', truncated: true, exitStatus: { exitCode: 0, signal: null } }],
  'terminal/wait_for_exit': [{ exitCode: 1 }, { exitCode: null, signal: 'SIGKILL' }],
  'terminal/kill': [{}],
  'terminal/release': [{}],
  'elicitation/create': [{ action: 'accept', content: { name: 'Ada', age: 36, ok: true, tags: ['a'] } }, { action: 'decline' }, { action: 'cancel' }],
};
