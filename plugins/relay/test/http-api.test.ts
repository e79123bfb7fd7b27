import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectedPair, get, http, post, sse, startNode, until, rawPeer, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const isEnvelope = (b: any): boolean => b && b.ok === false && typeof b.error_code === 'string' && typeof b.error === 'string';

describe('HTTP API', () => {
  it('validates /message:send in upstream order with the ERR_* envelope', async () => {
    const A = await startNode();
    running.push(A);
    const cases: [unknown, number, string, string][] = [
      [{ parts: [{ type: 'text', content: 'x' }] }, 400, 'ERR_INVALID_REQUEST', "missing required field: role (must be 'user' or 'agent')"],
      [{ role: 'bot', text: 'x' }, 400, 'ERR_INVALID_REQUEST', "invalid role 'bot': must be 'user' or 'agent'"],
      [{ role: 'user', parts: [{ type: 'image' }] }, 400, 'ERR_INVALID_REQUEST', "parts[0]: unknown part type 'image'; expected text|file|data"],
      [{ role: 'user' }, 400, 'ERR_INVALID_REQUEST', "missing required field: provide 'parts' (list) or 'text' (string)"],
      [{ role: 'user', text: 'x', peer_id: 'peer_999' }, 404, 'ERR_NOT_FOUND', "peer 'peer_999' not found"],
    ];
    for (const [body, status, code, error] of cases) {
      const res = await post(A.base, '/message:send', body);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ ok: false, error_code: code, error });
    }
    const bad = await post(A.base, '/message:send', '{not json');
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('ERR_INVALID_REQUEST');
    expect(bad.body.error).toMatch(/^Invalid JSON in request body:/);
    expect((await post(A.base, '/peer/peer_999/send', { text: 'x' })).body).toMatchObject({ error_code: 'ERR_NOT_FOUND' });
  });

  it('queues with 202 when no peer is there, 503 when queueing is off; the queue flushes to the next peer', async () => {
    const A = await startNode({ name: 'AgentA' });
    const off = await startNode({ name: 'Off', offlineQueue: false });
    running.push(A, off);
    const q = await post(A.base, '/message:send', { role: 'user', message_id: 'm-q', text: 'hi' });
    expect(q.status).toBe(202);
    expect(q.body).toMatchObject({ ok: true, queued: true, message_id: 'm-q', peer_id: 'default' });
    expect((await get(A.base, '/offline-queue')).body).toMatchObject({ total_queued: 1, queue: { default: { depth: 1, messages: [{ message_id: 'm-q', id: 'm-q' }] } } });
    const n = await post(off.base, '/message:send', { role: 'user', message_id: 'm-q', text: 'hi' });
    expect(n.status).toBe(503);
    expect(n.body).toMatchObject({ error_code: 'ERR_NOT_CONNECTED', failed_message_id: 'm-q' });
    expect((await get(off.base, '/offline-queue')).body.total_queued).toBe(0);
    // a raw client receives the card, then the queued frame re-stamped with _was_queued
    const frames: any[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.port}/${A.plugin.node.token}`);
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await until(() => frames.length >= 2);
    expect(frames[0].type).toBe('acp.agent_card');
    expect(frames[1]).toMatchObject({ type: 'acp.message', message_id: 'm-q', _was_queued: true });
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
    ws.close();
  });

  it('answers 413 for oversized messages and bodies, 403 for foreign origins and hosts, 404 envelopes, OPTIONS', async () => {
    const A = await startNode();
    running.push(A);
    const big = 'x'.repeat(1_048_600);
    const tooBig = await post(A.base, '/message:send', { role: 'user', message_id: 'big', text: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error_code: 'ERR_MSG_TOO_LARGE', failed_message_id: 'big' });
    const huge = await post(A.base, '/message:send', { role: 'user', text: 'y'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(isEnvelope(huge.body)).toBe(true);
    const forbidden = await post(A.base, '/message:send', { role: 'user', text: 'x' }, { Origin: 'https://example.com' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error_code).toBe('ERR_FORBIDDEN');
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
    const host = await http(A.base, 'GET', '/status', undefined, { Host: 'evil.example:80' });
    expect(host.status).toBe(403);
    const nf = await get(A.base, '/nope');
    expect(nf.status).toBe(404);
    expect(nf.body).toEqual({ ok: false, error_code: 'ERR_NOT_FOUND', error: 'not found' });
    const opt = await http(A.base, 'OPTIONS', '/message:send');
    expect(opt.status).toBe(200);
    expect(opt.headers['access-control-allow-methods']).toContain('PATCH');
    const ws = await get(A.base, '/ws/stream');
    expect(ws.status).toBe(426);
    expect(isEnvelope(ws.body)).toBe(true);
  });

  it('items 38, 45, 49: routes with several peers: ambiguous without peer_id, directed with it; status keys; peers detail', async () => {
    const { A, B, bPeerOnA } = await connectedPair();
    const C = await startNode({ name: 'AgentC' });
    running.push(A, B, C);
    await post(C.base, '/peers/connect', { link: A.plugin.link });
    await until(async () => (await get(A.base, '/status')).body.peer_count === 2);
    const amb = await post(A.base, '/message:send', { role: 'user', text: 'x' });
    expect(amb.status).toBe(400);
    expect(amb.body.error_code).toBe('ERR_AMBIGUOUS_PEER');
    expect(amb.body.connected_peers).toHaveLength(2);
    const direct = await post(A.base, '/message:send', { role: 'user', text: 'to B', peer_id: bPeerOnA, message_id: 'toB' });
    expect(direct.status).toBe(200);
    await until(async () => (await get(B.base, '/recv')).body.messages.some((m: any) => m.message_id === 'toB'));
    expect((await get(C.base, '/recv')).body.count).toBe(0);
    const detail = await get(A.base, `/peers/${bPeerOnA}`);
    expect(detail.status).toBe(200);
    expect(detail.body.remote_address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await get(A.base, `/peer/${bPeerOnA}`)).status).toBe(200);
    await C.stop();
    running.splice(running.indexOf(C), 1);
    await until(async () => (await get(A.base, '/status')).body.peer_count === 1);
    const status = (await get(A.base, '/status')).body;
    for (const key of ['acp_version', 'connected', 'role', 'link', 'session_id', 'agent_name', 'agent_card', 'peer_card', 'peer_card_verification', 'ws_port', 'http_port', 'messages_sent', 'messages_received', 'messages_deduped', 'reconnect_count', 'tasks_created', 'started_at', 'max_msg_bytes', 'server_seq', 'peer_count', 'p2p_enabled', 'limitations', 'connection_type', 'force_relay', 'relay_token', 'messages_rejected']) {
      expect(status).toHaveProperty(key);
    }
    expect(status.connected).toBe(true);
    const single = await post(A.base, '/message:send', { role: 'user', text: 'only B now', message_id: 'onlyB' });
    expect(single.status).toBe(200);
    await until(async () => (await get(B.base, '/recv')).body.messages.some((m: any) => m.message_id === 'onlyB'));
  });

  it('items 64-66: SSE framing, seq by exactly 1, ?since replay without gap or duplicate across a burst', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const live = sse(A.base);
    const headers = await live.headers;
    expect(headers['content-type']).toBe('text/event-stream');
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['x-accel-buffering']).toBe('no');
    const burst = 300;
    let late: ReturnType<typeof sse> | undefined;
    let since = 0;
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < burst; i++) {
      sends.push(post(B.base, '/message:send', { role: 'user', text: `m${i}`, message_id: `burst-${i}`, create_task: i % 10 === 0 }));
      if (i === burst / 2) {
        since = (await get(A.base, '/status')).body.event_seq;
        late = sse(A.base, `/stream?since=${since}`);
      }
    }
    await Promise.all(sends);
    const end = (await until(async () => {
      const s = (await get(A.base, '/status')).body;
      return s.messages_received === burst ? s : undefined;
    })).event_seq;
    await until(() => live.events.at(-1)?.seq === end);
    await until(() => late?.events.at(-1)?.seq === end);
    expect(live.raw().startsWith(': keepalive\n\n')).toBe(true);
    const seqs = live.events.map((e) => e.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
    const lateSeqs = late?.events.map((e) => e.seq) ?? [];
    expect(lateSeqs[0]).toBe(since + 1);
    expect(lateSeqs).toEqual(Array.from({ length: end - since }, (_, i) => since + 1 + i));
    expect(live.raw()).toMatch(/event: acp\.task\.status\ndata: \{"type":"status"/);
    expect(live.raw()).not.toMatch(/^id:/m);
    expect(live.raw()).not.toMatch(/event: [^\n]*\ndata: \{"type":"message"/);
    live.close();
    late?.close();
  });

  it('serves 100 concurrent /message:send without errors or slow requests', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => {
      const t0 = Date.now();
      return post(B.base, '/message:send', { role: 'user', text: `c${i}` }).then((r) => ({ status: r.status, ms: Date.now() - t0 }));
    }));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('items 50-53, 68: card, skills query, jwks and did without identity, PATCH availability, /ws/stream frames', async () => {
    const { A, B } = await connectedPair({ skills: ['summarize', 'translate'] });
    running.push(A, B);
    const c1 = (await get(A.base, '/.well-known/acp.json')).body;
    await new Promise((r) => setTimeout(r, 2));
    const c2 = (await get(A.base, '/.well-known/acp.json')).body;
    expect(c1.self.name).toBe('AgentA');
    expect(c1.peer.name).toBe('AgentB');
    expect(c1.self.timestamp).not.toBe(c2.self.timestamp);
    expect(JSON.stringify(c1.self)).not.toContain(A.plugin.node.token);
    expect((await post(A.base, '/skills/query', { skill_id: 'summarize' })).body).toMatchObject({ support_level: 'supported', known_skills: ['summarize', 'translate'] });
    expect((await post(A.base, '/skills/query', { skill_id: 'summ' })).body.reason).toMatch(/similar skills found: \['summarize'\]$/);
    expect((await get(A.base, '/.well-known/jwks.json')).body).toEqual({ keys: [] });
    expect((await get(A.base, '/.well-known/did.json')).status).toBe(404);
    const patch = await http(A.base, 'PATCH', '/.well-known/acp.json', { availability: { mode: 'heartbeat', interval_seconds: 60 } });
    expect(patch.body).toMatchObject({ ok: true, availability: { mode: 'heartbeat', interval_seconds: 60 } });
    expect(patch.body.availability.last_active_at).toBeTypeOf('string');
    expect((await http(A.base, 'PATCH', '/.well-known/acp.json', { availability: { bogus: 1 } })).status).toBe(400);
    expect((await http(A.base, 'PATCH', '/status', { availability: {} })).status).toBe(404);
    const frames: any[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.httpPort}/ws/stream?since=0`);
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.on('open', r));
    await post(B.base, '/message:send', { role: 'user', text: 'over ws', message_id: 'ws-1', create_task: true });
    const m = await until(() => frames.find((f) => f.event === 'acp.message' && f.data.message_id === 'ws-1'));
    expect(m.data).toMatchObject({ from: 'AgentB', role: 'user' });
    expect(frames.some((f) => f.event === 'acp.peer')).toBe(true);
    expect(frames.some((f) => f.event === 'acp.task.status')).toBe(true);
    const pong = new Promise((r) => ws.on('pong', r));
    ws.ping();
    await pong;
    ws.close();
  });
});

describe('optional upstream routes (MAY)', () => {
  it('verify/card, extensions, availability, peer rename', async () => {
    const { generateEd25519Identity } = await import('@troupe/protocol-relay');
    const A = await startNode({ identity: generateEd25519Identity(), secret: 's', hmacCompat: true });
    running.push(A);
    expect((await get(A.base, '/verify/card')).body).toMatchObject({ valid: true, scheme: 'ed25519' });
    const card = (await get(A.base, '/.well-known/acp.json')).body;
    expect((await post(A.base, '/verify/card', card)).body.valid).toBe(true);
    card.self.name = 'forged';
    expect((await post(A.base, '/verify/card', card)).body.valid).toBe(false);
    expect((await get(A.base, '/extensions')).body.extensions.map((e: any) => e.uri)).toEqual(['acp:ext:hmac-v1', 'urn:troupe:acp:ack:v1']);
    expect((await get(A.base, '/availability')).body).toEqual({ availability: null });
    const raw = new WebSocket(`ws://127.0.0.1:${A.plugin.port}/${A.plugin.node.token}`);
    await new Promise((r) => raw.on('open', r));
    const id = await until(async () => (await get(A.base, '/peers')).body.peers[0]?.id as string);
    expect((await post(A.base, `/peer/${id}/rename`, { name: 'Friend' })).body).toEqual({ ok: true, peer_id: id, old_name: id, new_name: 'Friend' });
    expect((await post(A.base, `/peer/${id}/rename`, {})).status).toBe(400);
    raw.close();
  });
});

describe('/ws/stream replay', () => {
  it('item 68: ?since=0 replays status events under the live name acp.task.status', async () => {
    const A = await startNode();
    running.push(A);
    await post(A.base, '/tasks', { role: 'user', task_id: 'before' });
    const frames: any[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.httpPort}/ws/stream?since=0`);
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.on('open', r));
    await post(A.base, '/tasks/before/update', { status: 'completed' });
    await until(() => frames.length >= 2);
    expect(frames.map((f) => [f.event, f.data.state])).toEqual([['acp.task.status', 'submitted'], ['acp.task.status', 'completed']]);
    ws.close();
  });
});

describe('stalled stream readers', () => {
  it('issue 9.4: cuts off an SSE subscriber that stops reading once its backlog passes the bound, ending with the reason', async () => {
    const A = await startNode({ maxStreamBufferBytes: 256 * 1024 });
    running.push(A);
    const { connect } = await import('node:net');
    const sock = connect(A.plugin.httpPort, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    sock.write('GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    sock.pause(); // never read
    let received = '';
    sock.on('data', (d: Buffer) => (received += d.toString('latin1')));
    const closed = new Promise((r) => sock.on('close', r));
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const big = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 400; i++) raw.send({ type: 'acp.message', message_id: `big-${i}`, parts: [{ type: 'text', content: big }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 400, 10_000);
    sock.resume();
    await closed;
    expect(received).toContain(': closed: slow subscriber: backlog over 262144 bytes');
    expect((await get(A.base, '/status')).status).toBe(200);
    raw.close();
  }, 20_000);
});
