import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, plan, text, textOf, thought, toolCall, type ActorSystem, type Message, type Part } from '@troupe/runtime';
import { Agent, agentContext } from '@troupe/actors';
import type { ActorContext } from '@troupe/runtime';
import { serveStdio, sessionUpdatePart, type ServeStdioOptions, type StdioServer } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

class Echo extends Agent {
  static override card = { name: 'echo' };
  onMessage(m: Message) { return `you said: ${textOf(m)}`; }
}

async function serve(target: Parameters<typeof serveStdio>[0], options: Partial<ServeStdioOptions> = {}, clientCapabilities: unknown = {}) {
  system = await createSystem({});
  const peer = new WirePeer();
  const server: StdioServer = await serveStdio(target, { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {}, ...options });
  let id = 100;
  const call = async (method: string, params: unknown) => {
    const rid = id++;
    peer.send({ jsonrpc: '2.0', id: rid, method, params });
    return peer.response(rid);
  };
  const init = () => call('initialize', { protocolVersion: 1, clientCapabilities });
  const open = async () => {
    await init();
    const r = await call('session/new', { cwd: '/tmp', mcpServers: [] });
    return (r['result'] as { sessionId: string }).sessionId;
  };
  return { peer, server, call, init, open };
}

const updates = (peer: WirePeer) => peer.frames.filter((f) => f['method'] === 'session/update').map((f) => (f['params'] as { update: Record<string, unknown> }).update);

describe('serve: handshake and gates', () => {
  it('10: session/new before initialize gets -32600; a second initialize gets -32600', async () => {
    const { call } = await serve(Echo);
    expect((await call('session/new', { cwd: '/tmp', mcpServers: [] }))['error']).toMatchObject({ code: -32600 });
    expect((await call('initialize', { protocolVersion: 1 }))['result']).toMatchObject({ protocolVersion: 1 });
    expect((await call('initialize', { protocolVersion: 1 }))['error']).toMatchObject({ code: -32600 });
  });

  it('11: protocolVersion 1 and 99 are both answered with 1, with agentInfo from the card', async () => {
    const a = await serve(Echo);
    expect((await a.call('initialize', { protocolVersion: 99 }))['result']).toMatchObject({ protocolVersion: 1, agentInfo: { name: 'echo' }, authMethods: [] });
    await system?.shutdown({ deadlineMs: 0 });
    const b = await serve(Echo);
    expect((await b.call('initialize', { protocolVersion: 1 }))['result']).toMatchObject({ protocolVersion: 1 });
  });

  it('13: unknown and unhandled extension requests get -32601; unknown notifications get nothing', async () => {
    const { call, init, peer } = await serve(Echo);
    await init();
    expect((await call('session/fork', {}))['error']).toMatchObject({ code: -32601 });
    expect((await call('_example.com/ping', {}))['error']).toMatchObject({ code: -32601 });
    const before = peer.frames.length;
    peer.send({ jsonrpc: '2.0', method: 'whatever/note', params: {} });
    peer.send({ jsonrpc: '2.0', method: '_x/note', params: {} });
    await peer.settle();
    expect(peer.frames.length).toBe(before);
  });

  it('routes _-prefixed extension requests to the extension hook', async () => {
    const { call, init } = await serve(Echo, { extensions: { '_troupe/ping': (p) => ({ pong: p }) } });
    await init();
    expect((await call('_troupe/ping', { n: 1 }))['result']).toEqual({ pong: { n: 1 } });
  });

  it('14: session/new without mcpServers or with a relative cwd gets -32602 naming the field', async () => {
    const { call, init } = await serve(Echo);
    await init();
    expect((await call('session/new', { cwd: '/tmp' }))['error']).toMatchObject({ code: -32602, data: { path: '/mcpServers' } });
    expect((await call('session/new', { cwd: 'rel/dir', mcpServers: [] }))['error']).toMatchObject({ code: -32602, data: { path: '/cwd' } });
  });

  it('15: session/prompt for an unknown session gets -32002 with data.sessionId', async () => {
    const { call, init } = await serve(Echo);
    await init();
    const r = await call('session/prompt', { sessionId: 'nope', prompt: [{ type: 'text', text: 'x' }] });
    expect(r['error']).toMatchObject({ code: -32002, data: { sessionId: 'nope' } });
  });

  it('gated methods the agent does not implement get -32601; un-advertised prompt blocks get -32602', async () => {
    const { call, open } = await serve(Echo);
    const sessionId = await open();
    expect((await call('session/load', { sessionId, cwd: '/tmp', mcpServers: [] }))['error']).toMatchObject({ code: -32601 });
    expect((await call('logout', {}))['error']).toMatchObject({ code: -32601 });
    const r = await call('session/prompt', { sessionId, prompt: [{ type: 'image', data: 'AA==', mimeType: 'image/png' }] });
    expect(r['error']).toMatchObject({ code: -32602, data: { path: '/prompt/0/type' } });
  });
});

describe('serve: turns', () => {
  it('streams text, thought, tool calls and plan as session/update variants, then end_turn', async () => {
    const parts: Part[] = [
      thought('thinking'), toolCall('tc1', { title: 'Read file', kind: 'read', status: 'pending', input: { path: '/a' } }),
      { type: 'tool_call', toolCallId: 'tc1', update: true, status: 'completed', output: 'ok' },
      plan([{ content: 'step', priority: 'high', status: 'pending' }]), text('hello'), text(' world'),
    ];
    const { call, open, peer } = await serve(() => parts);
    const sessionId = await open();
    const r = await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'hi' }] });
    expect(r['result']).toEqual({ stopReason: 'end_turn' });
    const u = updates(peer);
    expect(u.map((x) => x['sessionUpdate'])).toEqual(['agent_thought_chunk', 'tool_call', 'tool_call_update', 'plan', 'agent_message_chunk', 'agent_message_chunk']);
    expect(u[1]).toMatchObject({ toolCallId: 'tc1', title: 'Read file', kind: 'read', status: 'pending', rawInput: { path: '/a' } });
    expect(u[4]?.['messageId']).toBe(u[5]?.['messageId']);
    // 23: every update of the turn precedes the response
    const respIdx = peer.frames.findIndex((f) => f['id'] === r['id']);
    expect(peer.frames.slice(respIdx + 1).some((f) => f['method'] === 'session/update')).toBe(false);
  });

  it('a second prompt during an active turn gets -32600', async () => {
    const { call, open, peer } = await serve((_m: Message, ctx: ActorContext) => new Promise((r) => ctx.signal.addEventListener('abort', () => r('x'))));
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    expect((await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'b' }] }))['error']).toMatchObject({ code: -32600 });
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    expect((await peer.response(1))['result']).toEqual({ stopReason: 'cancelled' });
  });

  it('27: session/cancel during a turn whose actor throws AbortError yields cancelled, never an error', async () => {
    let aborted = false;
    const agent = (_m: Message, ctx: ActorContext) => new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => { aborted = true; reject(Object.assign(new Error('aborted'), { name: 'AbortError' })); }));
    const { open, peer } = await serve(agent);
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    expect(await peer.response(1)).toMatchObject({ result: { stopReason: 'cancelled' } });
    await peer.settle();
    expect(aborted).toBe(true);
  });

  it('28: session/cancel during a turn whose actor ignores the abort signal yields cancelled within cancelGraceMs + 100 ms', async () => {
    const { open, peer } = await serve(() => new Promise(() => {}), { cancelGraceMs: 200 });
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    const t0 = Date.now();
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    expect(await peer.response(1)).toMatchObject({ result: { stopReason: 'cancelled' } });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(300);
  });

  it('session/cancel: what the agent emits while winding down is still sent, before the cancelled response (§13.1 rule 3)', async () => {
    const agent = async function* (_m: Message, ctx: ActorContext) {
      yield text('started');
      await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }));
      yield text('cleaned up');
    };
    const { open, peer } = await serve(agent);
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.waitFor((f) => JSON.stringify(f).includes('started'));
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    expect(await peer.response(1)).toMatchObject({ result: { stopReason: 'cancelled' } });
    const order = peer.frames.flatMap((f) => (JSON.stringify(f).includes('cleaned up') ? ['update'] : f['id'] === 1 ? ['response'] : []));
    expect(order).toEqual(['update', 'response']);
  });

  it('29: session/cancel that arrives before the response is written wins over a normal finish', async () => {
    const { open, peer } = await serve(() => 'finished normally');
    const sessionId = await open();
    // prompt and cancel in one chunk: the agent completes, but the cancel was read before the response went out
    peer.toEndpoint.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } })}\n${JSON.stringify({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } })}\n`);
    expect(await peer.response(1)).toMatchObject({ result: { stopReason: 'cancelled' } });
  });

  it('elicitation is gated per mode; a form elicitation goes to a client that advertised it', async () => {
    const results: unknown[] = [];
    const agent = async (_m: Message, raw: ActorContext) => {
      const ctx = agentContext(raw);
      try { await ctx.client.elicit({ mode: 'url', message: 'log in', url: 'https://example.com' }); } catch (e) { results.push((e as { code: string }).code); }
      results.push(await ctx.client.elicit({ mode: 'form', message: 'name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } }));
      return 'ok';
    };
    const { open, peer } = await serve(agent, {}, { elicitation: { form: {} } });
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    const el = await peer.waitFor((f) => f['method'] === 'elicitation/create');
    expect(el['params']).toMatchObject({ sessionId, mode: 'form', message: 'name?' });
    peer.send({ jsonrpc: '2.0', id: el['id'], result: { action: 'accept', content: { name: 'Ada' } } });
    await peer.response(1);
    expect(results).toEqual(['CAPABILITY_UNAVAILABLE', { action: 'accept', content: { name: 'Ada' } }]);
  });

  it('35: $/cancel_request naming an in-flight prompt yields stopReason cancelled', async () => {
    const { open, peer } = await serve(() => new Promise(() => {}), { cancelGraceMs: 100 });
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 'p1', method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    peer.send({ jsonrpc: '2.0', method: '$/cancel_request', params: { requestId: 'p1' } });
    expect(await peer.response('p1')).toMatchObject({ result: { stopReason: 'cancelled' } });
  });

  it('a failing agent answers the prompt with -32603 carrying the message; after its restart the session works again', async () => {
    const { open, call } = await serve((m: Message) => { if (textOf(m) === 'fail') throw new Error('model down'); return 'fine'; });
    const sessionId = await open();
    const r = await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'fail' }] });
    expect(r['error']).toMatchObject({ code: -32603 });
    expect(JSON.stringify(r['error'])).toContain('model down');
    let again: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) {
      again = await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'ok' }] });
      if (again['result']) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(again['result']).toEqual({ stopReason: 'end_turn' });
  });

  it('a session is a Session actor under the agent and each prompt a Task actor under the session', async () => {
    const seen: string[] = [];
    const { open, call, server } = await serve((_m: Message, ctx: ActorContext) => { seen.push(ctx.sender?.address ?? ''); return 'ok'; }, { name: 'svc' });
    const sessionId = await open();
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'a' }] });
    expect(seen[0]).toMatch(new RegExp(`^${server.agent.address}/session-${sessionId}/turn-`));
    const tasks: string[] = [];
    server.system.inspect$.subscribe((e) => { if (e.type === '@troupe.task') tasks.push(`${e.address}:${e.state}`); });
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'b' }] });
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatch(new RegExp(`^${server.agent.address}/session-${sessionId}/turn-.*:working$`));
    expect(tasks[1]).toMatch(/:completed$/);
  });
});

describe('serve: client bridge and ordering', () => {
  it('19: with no fs/terminal capability, fs and terminal calls fail locally and nothing is sent', async () => {
    const errors: string[] = [];
    const agent = async (_m: Message, raw: ActorContext) => {
      const ctx = agentContext(raw);
      for (const f of [() => ctx.client.fs.readTextFile('/etc/hosts'), () => ctx.client.fs.writeTextFile('/tmp/x', 'y'), () => ctx.client.terminal.create({ command: 'ls' })]) {
        try { await f(); } catch (e) { errors.push((e as { code: string }).code); }
      }
      return 'done';
    };
    const { open, call, peer } = await serve(agent);
    const sessionId = await open();
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'a' }] });
    expect(errors).toEqual(['CAPABILITY_UNAVAILABLE', 'CAPABILITY_UNAVAILABLE', 'CAPABILITY_UNAVAILABLE']);
    expect(peer.frames.some((f) => /^(fs|terminal)\//.test(String(f['method'])))).toBe(false);
  });

  it('permission round trip and fs read through the client, with traceparent propagated (43)', async () => {
    const agent = async (_m: Message, raw: ActorContext) => {
      const ctx = agentContext(raw);
      const outcome = await ctx.client.requestPermission({ toolCall: { toolCallId: 't1', title: 'write' }, options: [{ optionId: 'ok', name: 'Allow', kind: 'allow_once' }] });
      const content = await ctx.client.fs.readTextFile('/tmp/a.txt');
      return `${outcome.outcome}:${content}`;
    };
    const { open, peer } = await serve(agent, {}, { fs: { readTextFile: true } });
    const sessionId = await open();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }], _meta: { traceparent } } });
    const perm = await peer.waitFor((f) => f['method'] === 'session/request_permission');
    expect(perm['params']).toMatchObject({ sessionId, toolCall: { toolCallId: 't1' }, _meta: { traceparent } });
    peer.send({ jsonrpc: '2.0', id: perm['id'], result: { outcome: { outcome: 'selected', optionId: 'ok' } } });
    const read = await peer.waitFor((f) => f['method'] === 'fs/read_text_file');
    expect(read['params']).toMatchObject({ path: '/tmp/a.txt', _meta: { traceparent } });
    peer.send({ jsonrpc: '2.0', id: read['id'], result: { content: 'hello' } });
    await peer.response(1);
    expect(updates(peer).at(-1)).toMatchObject({ content: { text: 'selected:hello' } });
  });

  it('cancel during a pending permission request sends $/cancel_request and the agent sees cancelled', async () => {
    let outcome: unknown;
    const agent = async (_m: Message, raw: ActorContext) => {
      const ctx = agentContext(raw);
      outcome = await ctx.client.requestPermission({ toolCall: { toolCallId: 't1' }, options: [{ optionId: 'ok', name: 'Allow', kind: 'allow_once' }] });
      return 'x';
    };
    const { open, peer } = await serve(agent);
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    const perm = await peer.waitFor((f) => f['method'] === 'session/request_permission');
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    const c = await peer.waitFor((f) => f['method'] === '$/cancel_request');
    expect(c['params']).toEqual({ requestId: perm['id'] });
    // The client answers the pending permission request `cancelled` (§13.1); then the agent settles.
    peer.send({ jsonrpc: '2.0', id: perm['id'], result: { outcome: { outcome: 'cancelled' } } });
    expect(await peer.response(1)).toMatchObject({ result: { stopReason: 'cancelled' } });
    expect(outcome).toEqual({ outcome: 'cancelled' });
  });

  it('a plain handler function sees the AgentContext (ctx.client, ctx.session) too', async () => {
    const seen: unknown[] = [];
    const { open, call } = await serve((_m: Message, ctx: ActorContext) => {
      const a = ctx as unknown as { client?: { capabilities: Set<string> }; session?: { id: string } };
      seen.push(a.client?.capabilities instanceof Set, a.session?.id);
      return 'ok';
    });
    const sessionId = await open();
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'a' }] });
    expect(seen).toEqual([true, sessionId]);
  });

  it('20: notice and unstable variants are never sent unless allowed', async () => {
    const agent = () => [sessionUpdatePart({ sessionUpdate: 'notice', severity: 'info', title: 'hi' }), sessionUpdatePart({ sessionUpdate: 'plan_update', x: 1 }), text('ok')];
    const { open, call, peer } = await serve(agent);
    const sessionId = await open();
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'a' }] });
    expect(updates(peer).map((u) => u['sessionUpdate'])).toEqual(['agent_message_chunk']);
  });

  it('21: an available_commands_update emitted while session/new is handled follows its response', async () => {
    const { init, call, peer } = await serve(Echo, {
      onSessionOpen: (s) => s.update({ sessionUpdate: 'available_commands_update', availableCommands: [{ name: 'web', description: 'search' }] }),
    });
    await init();
    const r = await call('session/new', { cwd: '/tmp', mcpServers: [] });
    const u = await peer.waitFor((f) => f['method'] === 'session/update');
    expect(peer.frames.indexOf(u)).toBeGreaterThan(peer.frames.indexOf(r));
  });

  it('25: with a session store, session/load replays history before its response; resume sends none', async () => {
    const { open, call, peer } = await serve(Echo, { sessionStore: true });
    const sessionId = await open();
    await call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'hi' }] });
    const before = peer.frames.length;
    const load = await call('session/load', { sessionId, cwd: '/tmp', mcpServers: [] });
    const replay = peer.frames.slice(before, peer.frames.indexOf(load));
    expect(replay.map((f) => (f['params'] as { update: { sessionUpdate: string } }).update.sessionUpdate)).toEqual(['user_message_chunk', 'agent_message_chunk']);
    const before2 = peer.frames.length;
    const resume = await call('session/resume', { sessionId, cwd: '/tmp' });
    expect(peer.frames.indexOf(resume)).toBe(before2);
    expect((await call('session/list', {}))['result']).toMatchObject({ sessions: [{ sessionId, cwd: '/tmp' }] });
    expect((await call('session/close', { sessionId }))['result']).toEqual({});
    expect((await call('session/delete', { sessionId: 'unknown' }))['result']).toEqual({});
  });

  it('25 across restarts: a stored session is listed and loaded (with its history) by a later connection', async () => {
    const first = await serve(Echo, { sessionStore: true, name: 'echo1' });
    const sessionId = await first.open();
    await first.call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'remember me' }] });
    first.peer.toEndpoint.end();
    await first.server.closed;
    // a new connection (the editor restarted the agent) on the same store
    const peer = new WirePeer();
    await serveStdio(Echo, { system: system as ActorSystem, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {}, sessionStore: true, name: 'echo2' });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1 } });
    await peer.response(1);
    peer.send({ jsonrpc: '2.0', id: 2, method: 'session/list', params: {} });
    expect((await peer.response(2))['result']).toMatchObject({ sessions: [{ sessionId, cwd: '/tmp' }] });
    peer.send({ jsonrpc: '2.0', id: 3, method: 'session/load', params: { sessionId, cwd: '/tmp', mcpServers: [] } });
    const load = await peer.response(3);
    const replay = peer.frames.slice(0, peer.frames.indexOf(load)).filter((f) => f['method'] === 'session/update');
    expect(replay.map((f) => (f['params'] as { update: { content: { text: string } } }).update.content.text)).toEqual(['remember me', 'you said: remember me']);
    peer.send({ jsonrpc: '2.0', id: 4, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'again' }] } });
    expect((await peer.response(4))['result']).toEqual({ stopReason: 'end_turn' });
    peer.send({ jsonrpc: '2.0', id: 5, method: 'session/delete', params: { sessionId } });
    await peer.response(5);
    peer.send({ jsonrpc: '2.0', id: 6, method: 'session/list', params: {} });
    expect((await peer.response(6))['result']).toEqual({ sessions: [] });
  });

  it('20: boolean config options are left out of the setup reply unless the client advertised them', async () => {
    const opts = { configOptions: [{ id: 'fast', name: 'Fast', type: 'boolean' as const, currentValue: true }] };
    const a = await serve(Echo, opts);
    await a.init();
    expect((await a.call('session/new', { cwd: '/tmp', mcpServers: [] }))['result']).not.toHaveProperty('configOptions');
    await system?.shutdown({ deadlineMs: 0 });
    const b = await serve(Echo, opts, { session: { configOptions: { boolean: {} } } });
    await b.init();
    expect((await b.call('session/new', { cwd: '/tmp', mcpServers: [] }))['result']).toMatchObject({ configOptions: [{ id: 'fast', currentValue: true }] });
  });

  it('set_mode and set_config_option update the session state', async () => {
    const { open, call } = await serve(Echo, {
      modes: { currentModeId: 'ask', availableModes: [{ id: 'ask', name: 'Ask' }, { id: 'code', name: 'Code' }] },
      configOptions: [{ id: 'model', name: 'Model', type: 'select', currentValue: 'a', options: [{ value: 'a', name: 'A' }, { value: 'b', name: 'B' }] }],
    });
    const sessionId = await open();
    const sm = await call('session/set_mode', { sessionId, modeId: 'code' });
    expect(sm['error']).toBeUndefined();
    expect(sm['result']).toEqual({});
    expect((await call('session/set_mode', { sessionId, modeId: 'nope' }))['error']).toMatchObject({ code: -32602 });
    const r = await call('session/set_config_option', { sessionId, configId: 'model', value: 'b' });
    expect(r['result']).toMatchObject({ configOptions: [{ id: 'model', currentValue: 'b' }] });
  });

  it('stdin EOF cancels in-flight turns and resolves closed without answering', async () => {
    let aborted = false;
    const { open, peer, server } = await serve((_m: Message, ctx: ActorContext) => new Promise(() => ctx.signal.addEventListener('abort', () => { aborted = true; })));
    const sessionId = await open();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    peer.toEndpoint.end();
    await server.closed;
    expect(aborted).toBe(true);
    expect(peer.frames.some((f) => f['id'] === 1)).toBe(false);
  });
});
