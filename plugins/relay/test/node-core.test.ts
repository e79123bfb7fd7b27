import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { text, textOf, type Message } from '@troupe/runtime';
import { connectedPair, get, post, sse, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

describe('two relay nodes on loopback', () => {
  it('connect by link, handshake with cards both ways, messages with all three part types both ways', async () => {
    const { A, B, aPeerOnB, bPeerOnA } = await connectedPair();
    running.push(A, B);
    const parts = [
      { type: 'text', content: 'hello A' },
      { type: 'data', content: { k: 1 } },
      { type: 'file', url: 'https://example.invalid/f.pdf', media_type: 'application/pdf', filename: 'f.pdf' },
    ];
    const streamA = sse(A.base);
    await streamA.headers;
    const sent = await post(B.base, '/message:send', { role: 'user', message_id: 'msg-demo-1', parts, context_id: 'ctx-1' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ ok: true, message_id: 'msg-demo-1', server_seq: 1, task: null });
    const inbound = await until(() => streamA.events.find((e) => e.type === 'message' && e.message_id === 'msg-demo-1'));
    expect(inbound).toMatchObject({ from: 'AgentB', context_id: 'ctx-1', peer_id: bPeerOnA, direction: 'inbound', parts, role: 'user', task_id: null });
    const recv = await get(A.base, '/recv');
    expect(recv.body.messages[0].raw.parts).toEqual(parts);
    expect(recv.body.messages[0].verified).toEqual([]);
    // the other way
    const back = await post(A.base, '/message:send', { role: 'agent', parts, message_id: 'back-1' });
    expect(back.status).toBe(200);
    await until(async () => (await get(B.base, '/recv')).body.messages.find((m: any) => m.message_id === 'back-1'));
    // cards were exchanged on the connection
    const peersB = await get(B.base, '/peers');
    expect(peersB.body.peers[0]).toMatchObject({ id: aPeerOnB, agent_card: { name: 'AgentA' }, transport_level: 'direct', link: A.plugin.link });
    const peersA = await get(A.base, '/peers');
    expect(peersA.body.peers[0]).toMatchObject({ link: null, agent_card: { name: 'AgentB' } });
    streamA.close();
  });

  it('synchronous send gets the reply of the hosted agent; system.connect gives an ActorRef to it', async () => {
    const { A, B } = await connectedPair({
      agentFactory: (system) => system.spawn((msg: Message) => [text('echo: '), text(textOf(msg))], { name: 'echo' }),
    });
    running.push(A, B);
    const res = await post(B.base, '/message:send', { role: 'user', text: 'ping', sync: true, timeout: 5 });
    expect(res.status).toBe(200);
    expect(res.body.reply).toMatchObject({ type: 'acp.reply', correlation_id: res.body.message_id, from: 'AgentA', parts: [{ type: 'text', content: 'echo: ping' }] });
    const remote = await B.system.connect(A.plugin.link);
    const parts = await new Promise<string>((resolve, reject) => {
      let out = '';
      remote.ask('hi there').subscribe({ next: (p) => (out += p.type === 'text' ? p.text : ''), error: reject, complete: () => resolve(out) });
    });
    expect(parts).toBe('echo: hi there');
  });

  it('a raw client gets the card first, a wrong token gets invalid_token and close 1000', async () => {
    const A = await startNode({ name: 'AgentA' });
    running.push(A);
    const token = A.plugin.node.token;
    const first = await new Promise<any>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.port}/${token}/`);
      ws.on('message', (d) => {
        resolve(JSON.parse(d.toString()));
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(first.type).toBe('acp.agent_card');
    expect(first.message_id).toMatch(/^card_[0-9a-f]{12}$/);
    expect(first.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first.card.name).toBe('AgentA');
    for (const path of [`/${token}?x=1`, `/${token}x`, '/tok_0000000000000000']) {
      const got = await new Promise<{ frames: string[]; code: number; reason: string }>((resolve, reject) => {
        const frames: string[] = [];
        const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.port}${path}`);
        ws.on('message', (d) => frames.push(d.toString()));
        ws.on('close', (code, reason) => resolve({ frames, code, reason: reason.toString() }));
        ws.on('error', reject);
      });
      expect(got).toEqual({ frames: ['{"type":"error","code":"invalid_token"}'], code: 1000, reason: '' });
    }
  });

  it('a dialler that gets invalid_token stops and reports last_error', async () => {
    const A = await startNode({ name: 'AgentA' });
    const B = await startNode({ name: 'AgentB' });
    running.push(A, B);
    const bad = A.plugin.link.replace(/tok_[0-9a-f]+/, 'tok_0123456789abcdef');
    await post(B.base, '/peers/connect', { link: bad });
    const peer = await until(async () => (await get(B.base, '/peers')).body.peers.find((p: any) => p.last_error === 'invalid_token'));
    expect(peer.connected).toBe(false);
    const ref = B.plugin.node.peers.get(peer.id)?.ref;
    await until(() => ref?.state === 'closed' || ref?.state === 'stopped');
  });

  it('dedupes by message_id, ignores non-JSON and non-object frames, delivers untyped and legacy frames', async () => {
    const A = await startNode({ name: 'AgentA' });
    running.push(A);
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.port}/${A.plugin.node.token}`);
    await new Promise((r) => ws.on('open', r));
    const msg = JSON.stringify({ type: 'acp.message', message_id: 'd1', from: 'Raw', role: 'user', parts: [{ type: 'text', content: 'x' }], _ed25519_verified: true });
    ws.send(msg);
    ws.send(msg);
    ws.send('not json');
    ws.send('[1,2]');
    ws.send(JSON.stringify({ message_id: 'u1', parts: [{ type: 'text', content: 'untyped' }] }));
    ws.send(JSON.stringify({ type: 'weird.type', message_id: 'w1' }));
    const status = await until(async () => {
      const s = await get(A.base, '/status');
      return s.body.messages_received === 3 ? s : undefined;
    });
    expect(status.body.messages_deduped).toBe(1);
    const recv = (await get(A.base, '/recv')).body.messages;
    expect(recv.map((m: any) => m.message_id)).toEqual(['d1', 'u1', 'w1']);
    expect(recv[0].raw._ed25519_verified).toBeUndefined();
    expect(recv[2]).toMatchObject({ id: 'w1', message_id: 'w1', content: { type: 'weird.type', message_id: 'w1' } });
    expect(typeof recv[2].received_at).toBe('number');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});

describe('actor hygiene', () => {
  it('stops the peer-link actor of a closed host-side connection and the Task actor of a finished task', async () => {
    const A = await startNode({ name: 'AgentA' });
    running.push(A);
    const before = A.system.size;
    for (let i = 0; i < 5; i++) {
      const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.port}/${A.plugin.node.token}`);
      await new Promise((r) => ws.on('message', r));
      ws.close();
    }
    await until(async () => (await get(A.base, '/status')).body.peer_count === 0);
    await until(() => A.system.size === before, 2_000, 'link actors stopped');
    await post(A.base, '/tasks', { role: 'user', task_id: 'short' });
    expect(A.system.size).toBe(before + 1);
    await post(A.base, '/tasks/short/update', { status: 'completed' });
    await until(() => A.system.size === before, 2_000, 'task actor stopped');
    expect((await get(A.base, '/tasks/short')).body.status).toBe('completed');
  });
});

describe('a host that never speaks', () => {
  it('a dialled host that sends no card is still connected after a short wait (§2.2: cards are not required)', async () => {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.on('listening', r));
    const got: string[] = [];
    wss.on('connection', (ws) => ws.on('message', (d) => got.push(d.toString())));
    const B = await startNode({ name: 'AgentB' });
    running.push(B);
    const port = (wss.address() as { port: number }).port;
    const { peer_id } = (await post(B.base, '/peers/connect', { link: `acp://127.0.0.1:${port}/tok_silent` })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.connected, 5_000, 'connected without a card');
    await post(B.base, '/message:send', { role: 'user', text: 'anyone?', message_id: 'to-silent' });
    await until(() => got.some((t) => t.includes('to-silent')));
    expect(JSON.parse(got[0] ?? '{}').type).toBe('acp.agent_card');
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  });
});

describe('liveness (§2.9)', () => {
  it('keeps an idle peer that answers pings and drops one that does not', async () => {
    const A = await startNode({ name: 'AgentA', pingMs: 100 });
    running.push(A);
    const url = `ws://127.0.0.1:${A.plugin.port}/${A.plugin.node.token}`;
    const answering = new WebSocket(url);
    const mute = new WebSocket(url, { autoPong: false });
    let muteClosed = false;
    mute.on('close', () => (muteClosed = true));
    await Promise.all([new Promise((r) => answering.on('open', r)), new Promise((r) => mute.on('open', r))]);
    await until(() => muteClosed, 3_000, 'mute peer dropped');
    await new Promise((r) => setTimeout(r, 300));
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect((await get(A.base, '/status')).body.peer_count).toBe(1);
    answering.close();
  });
});
