import { describe, expect, it } from 'vitest';
import { TroupeError } from '@troupe/runtime';
import { SimulatedClock } from '@troupe/runtime/testing';
import { methodNotFound } from '@troupe/protocol-stdio';
import { RpcEndpoint, pipeTransport, RpcFailure, type EndpointEvent, type EndpointHandlers } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

function setup(mode: 'serve' | 'drive', handlers?: Partial<EndpointHandlers>, clock = new SimulatedClock()) {
  const peer = new WirePeer();
  const events: EndpointEvent[] = [];
  const ep = new RpcEndpoint(pipeTransport(peer.toEndpoint, peer.fromEndpoint), { mode, clock, report: (e) => events.push(e), cancelTimeoutMs: 500 });
  ep.start({
    request: handlers?.request ?? ((method) => { throw new RpcFailure(methodNotFound(method)); }),
    notification: handlers?.notification ?? (() => {}),
  });
  return { peer, ep, events, clock };
}

describe('RpcEndpoint', () => {
  it('6: answers a malformed line with -32700 id null in serve mode and keeps serving', async () => {
    const { peer } = setup('serve', { request: () => ({ pong: true }) });
    peer.send('{not json');
    peer.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(await peer.response(1)).toMatchObject({ result: { pong: true } });
    expect(peer.frames[0]).toMatchObject({ id: null, error: { code: -32700 } });
    expect(peer.frames).toHaveLength(2);
  });

  it('7: answers a batch with one -32600 id null and executes none of it', async () => {
    let calls = 0;
    const { peer } = setup('serve', { request: () => { calls += 1; return {}; } });
    peer.send([{ jsonrpc: '2.0', id: 1, method: 'a' }, { jsonrpc: '2.0', id: 2, method: 'b' }]);
    const f = await peer.waitFor(() => true);
    expect(f).toMatchObject({ id: null, error: { code: -32600 } });
    await peer.settle();
    expect(calls).toBe(0);
    expect(peer.frames).toHaveLength(1);
  });

  it('16: echoes the id with its JSON type', async () => {
    const { peer } = setup('serve', { request: () => ({}) });
    peer.send({ jsonrpc: '2.0', id: '7', method: 'x' });
    peer.send({ jsonrpc: '2.0', id: 7, method: 'x' });
    await peer.response(7);
    await peer.response('7');
    expect(peer.frames.map((f) => f['id'])).toEqual(expect.arrayContaining(['7', 7]));
  });

  it('ignores a response to an unknown id and reports it', async () => {
    const { peer, events } = setup('drive');
    peer.send({ jsonrpc: '2.0', id: 99, result: {} });
    await peer.settle();
    expect(events.some((e) => e.msg.includes('unknown request id'))).toBe(true);
    expect(peer.frames).toHaveLength(0);
  });

  it('5: counts and skips stdout noise in drive mode without answering', async () => {
    const { peer, ep } = setup('drive');
    const p = ep.request('initialize', { protocolVersion: 1 });
    peer.send('Welcome to my agent!');
    peer.send({ jsonrpc: '2.0', id: 0, result: { protocolVersion: 1 } });
    expect(await p).toEqual({ protocolVersion: 1 });
    expect(ep.stdoutNoiseLines).toBe(1);
    expect(peer.frames.filter((f) => !('method' in f))).toHaveLength(0);
  });

  it('resolves results and rejects wire errors as acp_error with code, message and data', async () => {
    const { peer, ep } = setup('drive');
    const a = ep.request('x', {});
    const b = ep.request('y', {});
    peer.send({ jsonrpc: '2.0', id: 0, result: { ok: 1 } });
    peer.send({ jsonrpc: '2.0', id: 1, error: { code: -32002, message: 'nope', data: { sessionId: 's' } } });
    expect(await a).toEqual({ ok: 1 });
    await expect(b).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'acp_error') && e.details?.['code'] === -32002);
  });

  it('times out a request: sends $/cancel_request, then rejects with request_timeout', async () => {
    const { peer, ep, clock } = setup('drive');
    const p = ep.request('slow', {}, { timeoutMs: 1000 });
    let err: unknown;
    p.catch((e: unknown) => { err = e; });
    clock.advance(1000);
    const cancel = await peer.waitFor((f) => f['method'] === '$/cancel_request');
    expect(cancel['params']).toEqual({ requestId: 0 });
    expect(err).toBeUndefined();
    clock.advance(500);
    await peer.settle();
    expect(TroupeError.is(err, 'request_timeout')).toBe(true);
    expect(ep.pendingCount).toBe(0);
  });

  it('aborting a request via its signal sends $/cancel_request and settles on the peer -32800', async () => {
    const { peer, ep } = setup('drive');
    const ac = new AbortController();
    const p = ep.request('work', {}, { signal: ac.signal });
    ac.abort(new TroupeError('CANCELLED', 'user gave up'));
    await peer.waitFor((f) => f['method'] === '$/cancel_request');
    peer.send({ jsonrpc: '2.0', id: 0, error: { code: -32800, message: 'Request cancelled' } });
    await expect(p).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'CANCELLED'));
  });

  it('33/34: $/cancel_request aborts an in-flight handler, which answers -32800 exactly once; unknown ids produce nothing', async () => {
    const { peer } = setup('serve', {
      request: (_m, _p, ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))),
    });
    peer.send({ jsonrpc: '2.0', id: 5, method: 'long' });
    await peer.settle();
    peer.send({ jsonrpc: '2.0', method: '$/cancel_request', params: { requestId: 5 } });
    expect(await peer.response(5)).toMatchObject({ error: { code: -32800 } });
    peer.send({ jsonrpc: '2.0', method: '$/cancel_request', params: { requestId: 5 } });
    peer.send({ jsonrpc: '2.0', method: '$/cancel_request', params: { requestId: 'nope' } });
    await peer.settle();
    expect(peer.frames).toHaveLength(1);
  });

  it('answers a thrown error with -32603 and the message, never a stack', async () => {
    const { peer } = setup('serve', { request: () => { throw new Error('boom'); } });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'x' });
    const r = await peer.response(1);
    expect(r['error']).toEqual({ code: -32603, message: 'Internal error', data: { details: 'boom' } });
  });

  it('8 (unit): an over-long request line is answered -32600 with its id, the connection stays open', async () => {
    const peer = new WirePeer();
    const ep = new RpcEndpoint(pipeTransport(peer.toEndpoint, peer.fromEndpoint, 1024), { mode: 'serve', maxMessageBytes: 1024 });
    ep.start({ request: () => ({ ok: true }), notification: () => {} });
    peer.send({ jsonrpc: '2.0', id: 3, method: 'session/prompt', params: { big: 'x'.repeat(5000) } });
    peer.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
    expect(await peer.response(3)).toMatchObject({ error: { code: -32600, message: 'message too large', data: { limit: 1024 } } });
    expect(await peer.response(4)).toMatchObject({ result: { ok: true } });
  });

  it('drive: canonical text chunks take the update fast path, other updates the full path, in wire order; a throwing handler is reported', async () => {
    const peer = new WirePeer();
    const events: EndpointEvent[] = [];
    const ep = new RpcEndpoint(pipeTransport(peer.toEndpoint, peer.fromEndpoint), { mode: 'drive', report: (e) => events.push(e) });
    const seen: string[] = [];
    ep.start({
      request: () => ({}),
      notification: (method, params) => seen.push(`full:${method}:${JSON.stringify((params as { update: unknown }).update)}`),
      update: (u) => {
        if (u.update.sessionUpdate === 'agent_message_chunk' && u.update.content.type === 'text' && u.update.content.text === 'boom') throw new Error('handler bug');
        seen.push(`fast:${JSON.stringify(u.update)}`);
      },
    });
    const chunk = (text: string, extra: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', method: 'session/update', params: { sessionId: 's', update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text }, messageId: 'm', ...extra } } });
    peer.send(chunk('a'));
    peer.send(chunk('b', { _meta: { k: 1 } }));
    peer.send(chunk('boom'));
    peer.send({ jsonrpc: '2.0', method: 'session/update', params: { sessionId: 's', update: { sessionUpdate: 'plan', entries: [] } } });
    peer.send(chunk('c'));
    await peer.settle();
    expect(seen).toEqual([
      'fast:{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"a"},"messageId":"m"}',
      'full:session/update:{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"b"},"messageId":"m","_meta":{"k":1}}',
      'full:session/update:{"sessionUpdate":"plan","entries":[]}',
      'fast:{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"c"},"messageId":"m"}',
    ]);
    expect(events).toContainEqual({ level: 'error', msg: 'notification handler failed: handler bug' });
  });

  it('rejects every pending request with connection_closed when input ends', async () => {
    const { peer, ep } = setup('drive');
    const p = ep.request('x', {});
    peer.toEndpoint.end();
    await expect(p).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'connection_closed'));
    await expect(ep.request('y', {})).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'connection_closed'));
  });
});
