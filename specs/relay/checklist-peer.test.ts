// acp-relay.md §8 interop checklist, items marked [T]: peer socket, handshake, receive pipeline.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { formatTimestamp } from '@troupe/protocol-relay';
import { get, sse, startNode, until, rawPeer } from '@troupe/plugin-relay/testing';
import { fixture, msg, status, trackNodes } from './checklist-kit.js';

const { running, node } = trackNodes();

function dialRaw(url: string): Promise<{ frames: string[]; code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const frames: string[] = [];
    const ws = new WebSocket(url);
    ws.on('message', (d) => frames.push(d.toString()));
    ws.on('close', (code, reason) => resolve({ frames, code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

describe('§8 checklist: peer socket and handshake', () => {
  it('item 1: a wrong token gets one invalid_token frame and close 1000 with an empty reason', async () => {
    const A = await node();
    const expected = fixture('error-invalid-token.json');
    const got = await dialRaw(`ws://127.0.0.1:${A.plugin.port}/tok_ffffffffffffffff`);
    expect(got.frames.map((f) => JSON.parse(f))).toEqual(expected.frames);
    expect({ code: got.code, reason: got.reason }).toEqual(expected.close);
  });

  it('item 2: a silent client gets an acp.agent_card first, within 1 s, with card_ id, six-digit ts and the node name', async () => {
    const A = await node();
    const t0 = Date.now();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const first = await until(() => raw.frames[0], 1_000);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(first.type).toBe('acp.agent_card');
    expect(first.message_id).toMatch(/^card_[0-9a-f]{12}$/);
    expect(first.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first.card.name).toBe('AgentA');
    raw.close();
  });

  it('item 3: a trailing slash is accepted; a query string or extra characters are rejected', async () => {
    const A = await node();
    const token = A.plugin.node.token;
    const ok = await rawPeer(A.plugin.port, `${token}/`);
    await until(() => ok.frames[0]?.type === 'acp.agent_card');
    ok.close();
    for (const path of [`${token}?x=1`, `${token}x`]) {
      const got = await dialRaw(`ws://127.0.0.1:${A.plugin.port}/${path}`);
      expect(got.frames).toEqual(['{"type":"error","code":"invalid_token"}']);
    }
  });

  it('item 6: two raw clients with the same token both get a card and become two peers', async () => {
    const A = await node();
    const a = await rawPeer(A.plugin.port, A.plugin.node.token);
    const b = await rawPeer(A.plugin.port, A.plugin.node.token);
    await until(() => a.frames.length > 0 && b.frames.length > 0);
    const peers = (await get(A.base, '/peers')).body;
    expect(peers.active).toBe(2);
    expect(new Set(peers.peers.map((p: any) => p.id)).size).toBe(2);
    a.close();
    b.close();
  });

  it('item 7 (bind check): by default both listeners are bound to 127.0.0.1 only', async () => {
    const A = await startNode({ name: 'AgentA', port: 0, httpPort: 0 });
    running.push(A);
    // The plugin's defaults, not the test helper's: host and httpHost resolve to loopback.
    expect(A.plugin.node.config.host).toBe('127.0.0.1');
    expect(A.plugin.node.config.httpHost).toBe('127.0.0.1');
    expect((await get(A.base, '/status')).status).toBe(200);
  });

  it('item 8: /link has the acp:// form with a tok_ token on the peer port; http_port is reported', async () => {
    const A = await startNode({ name: 'AgentA', port: 0 });
    running.push(A);
    const link = (await get(A.base, '/link')).body.link as string;
    expect(link).toMatch(/^acp:\/\/[^/]+:\d+\/tok_[0-9a-f]{16}$/);
    expect(Number(/:(\d+)\//.exec(link)?.[1])).toBe(A.plugin.port);
    expect((await status(A)).http_port).toBe(A.plugin.httpPort);
    // with an explicit port the HTTP API defaults to port + 100
    const { resolveConfig } = await import('@troupe/plugin-relay');
    expect(resolveConfig({ port: 7841 }).httpPort).toBe(7941);
  });
});

describe('§8 checklist: frames and receive pipeline', () => {
  it('item 12: the same message_id twice gives one entry, one event, and messages_deduped + 1', async () => {
    const A = await node();
    const stream = sse(A.base);
    await stream.headers;
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send(msg('dup'));
    raw.send(msg('dup'));
    raw.send(msg('after'));
    await until(async () => (await status(A)).messages_received === 2);
    expect((await status(A)).messages_deduped).toBe(1);
    expect((await get(A.base, '/recv')).body.messages.filter((m: any) => m.message_id === 'dup')).toHaveLength(1);
    await until(() => stream.events.some((e) => e.message_id === 'after'));
    expect(stream.events.filter((e) => e.message_id === 'dup')).toHaveLength(1);
    stream.close();
    raw.close();
  });

  it('item 14: non-JSON text and a JSON array are ignored; the socket stays open', async () => {
    const A = await node();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send('this is not json');
    raw.send('[1,2]');
    raw.send(msg('valid'));
    await until(async () => (await status(A)).messages_received === 1);
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.close();
  });

  it('item 15: a 1,048,577-byte frame is not delivered, a 1,000,000-byte one is', async () => {
    const A = await node();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const sized = (id: string, bytes: number): string => {
      const base = JSON.stringify(msg(id, { parts: [{ type: 'text', content: '' }] }));
      return base.replace('"content":""', `"content":"${'x'.repeat(bytes - base.length)}"`);
    };
    const over = sized('over', 1_048_577);
    const under = sized('under', 1_000_000);
    expect(Buffer.byteLength(over)).toBe(1_048_577);
    raw.send(over);
    raw.send(under);
    await until(async () => (await status(A)).messages_received === 1, 5_000);
    expect((await get(A.base, '/recv')).body.messages.map((m: any) => m.message_id)).toEqual(['under']);
    raw.close();
  });

  it('item 16: a frame with parts and no type is a message', async () => {
    const A = await node();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send({ message_id: 'untyped', parts: [{ type: 'text', content: 'hi' }] });
    const e = await until(async () => (await get(A.base, '/recv')).body.messages[0]);
    expect(e).toMatchObject({ message_id: 'untyped', parts: [{ type: 'text', content: 'hi' }] });
    raw.close();
  });

  it('item 17: an unknown frame type becomes a legacy entry and an agent message event with one text part', async () => {
    const A = await node();
    const stream = sse(A.base);
    await stream.headers;
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send({ type: 'weird.type', message_id: 'w1' });
    const entry = await until(async () => (await get(A.base, '/recv')).body.messages[0]);
    expect(entry).toMatchObject({ id: 'w1', message_id: 'w1', content: { type: 'weird.type', message_id: 'w1' } });
    expect(typeof entry.received_at).toBe('number');
    const event = await until(() => stream.events.find((e) => e.type === 'message'));
    expect(event.role).toBe('agent');
    expect(event.parts).toHaveLength(1);
    expect(event.parts[0].type).toBe('text');
    stream.close();
    raw.close();
  });

  it('item 18: an unknown task_id creates a working mirror task whose status event precedes the message event', async () => {
    const A = await node();
    const stream = sse(A.base);
    await stream.headers;
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send(msg('with-task', { task_id: 'mirror-1' }));
    const m = await until(() => stream.events.find((e) => e.type === 'message'));
    const s = stream.events.find((e) => e.type === 'status');
    expect(s).toMatchObject({ task_id: 'mirror-1', state: 'working' });
    expect(s.seq).toBeLessThan(m.seq);
    expect((await get(A.base, '/tasks/mirror-1')).body).toMatchObject({ status: 'working', from_peer: true });
    stream.close();
    raw.close();
  });

  it('item 20: task.updated for an unknown task creates nothing', async () => {
    const A = await node();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send({ type: 'task.updated', message_id: 'tu1', ts: formatTimestamp(Date.now()), task_id: 'ghost', status: 'completed' });
    raw.send(msg('marker'));
    await until(async () => (await status(A)).messages_received === 1);
    expect((await get(A.base, '/tasks/ghost')).status).toBe(404);
    expect((await status(A)).tasks_created).toBe(0);
    raw.close();
  });

  it('item 21: a peer-set _ed25519_verified flag is stripped before storing', async () => {
    const A = await node();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send(msg('flagged', { _ed25519_verified: true, _sig_invalid: false }));
    const e = await until(async () => (await get(A.base, '/recv')).body.messages[0]);
    expect(e.raw).not.toHaveProperty('_ed25519_verified');
    expect(e.raw).not.toHaveProperty('_sig_invalid');
    expect(e.verified).toEqual([]);
    raw.close();
  });

  it('item 10 (Troupe side): the three-part fixture message is stored with identical parts and announced with from and context_id', async () => {
    const A = await node();
    const stream = sse(A.base);
    await stream.headers;
    const fx = fixture('message-frame-three-parts.json');
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send(fx.frame);
    const e = await until(async () => (await get(A.base, '/recv')).body.messages[0]);
    expect(e.raw.parts).toEqual(fx.frame.parts);
    const ev = await until(() => stream.events.find((x) => x.type === 'message'));
    expect(ev).toMatchObject({ from: fx.frame.from, context_id: 'ctx-1' });
    stream.close();
    raw.close();
  });
});

