// acp-relay.md §8 interop checklist, items marked [T]: signatures (24-34) and HTTP API (36-55).
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  canonicalJsonFromText, canonicalSha256, checkFrameIdentity, formatTimestamp, hmacSignature,
} from '@troupe/protocol-relay';
import { connectedPair, get, http, post, sse, startNode, until, rawPeer } from '@troupe/plugin-relay/testing';
import { fixture, msg, status, trackNodes } from './checklist-kit.js';

const { running, node } = trackNodes();

describe('§8 checklist: signatures', () => {
  it('item 24: the HMAC of the three captured vectors', () => {
    const fx = fixture('hmac-signed-frames.json');
    for (const v of fx.vectors) expect(hmacSignature(fx.secret, v.frame.message_id, v.frame.ts)).toBe(v.expected_sig);
  });

  it('item 25: canonical signing inputs and Ed25519 verification of the captured frames; one changed character invalidates', () => {
    for (const v of fixture('ed25519-signed-frames.json').vectors) {
      const frame = JSON.parse(v.frame_text);
      delete frame.identity;
      const canonical = canonicalJsonFromText(JSON.stringify(frame));
      expect(canonical.ok && canonical.value).toBe(v.canonical_signing_input);
      expect(checkFrameIdentity(v.frame_text).status).toBe('valid');
      expect(checkFrameIdentity(v.frame_text.replace('"content": "', '"content": "X')).status).toBe('invalid');
    }
  });

  it('item 26: the canonical-JSON number/ordering vector', () => {
    const input = '{"b":[1.0,1e16,1.5e-5,100,-0,-0.0,1E2,0.00001,123456789012345678901234567890,0.1],"a":"\\u2028\\u0007/\\u00e9","\\ue000":true,"\\ud83d\\ude00":null}';
    const out = canonicalJsonFromText(input);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(Buffer.byteLength(out.value)).toBe(125);
    expect(canonicalSha256(out.value)).toBe('d090320ef8f77d1ad2ef737340257c77d676a1478d720c8267dfc056b27f547c');
  });

  it('items 29-31: wrong sig and a 3,600 s old ts are dropped and counted; unsigned is verified [] by default, dropped in strict mode (cards exempt)', async () => {
    const strict = await node({ secret: 's3cr3t', requireSigned: true });
    const compat = await node({ name: 'Default', secret: 's3cr3t' });
    for (const [n, unsignedDelivered] of [[strict, false], [compat, true]] as const) {
      const raw = await rawPeer(n.plugin.port, n.plugin.node.token);
      raw.send({ ...msg('bad'), sig: '0'.repeat(64) });
      const old = formatTimestamp(Date.now() - 3_600_000);
      raw.send({ ...msg('old', { ts: old }), sig: hmacSignature('s3cr3t', 'old', old) });
      raw.send(msg('unsigned'));
      raw.send({ type: 'acp.agent_card', message_id: 'card_0123456789ab', ts: formatTimestamp(Date.now()), card: { name: 'Raw' } });
      const good = msg('good');
      raw.send({ ...good, sig: hmacSignature('s3cr3t', 'good', good.ts) });
      await until(async () => (await status(n)).messages_received === (unsignedDelivered ? 2 : 1));
      expect((await status(n)).messages_rejected).toBe(unsignedDelivered ? 2 : 3);
      const entries = (await get(n.base, '/recv')).body.messages;
      if (unsignedDelivered) expect(entries.find((e: any) => e.message_id === 'unsigned').verified).toEqual([]);
      expect(entries.find((e: any) => e.message_id === 'good').verified).toEqual(['hmac']);
      expect((await get(n.base, '/peers')).body.peers[0].agent_card).toEqual({ name: 'Raw' });
      raw.close();
    }
  });
});

describe('§8 checklist: HTTP API', () => {
  it('items 36-37: validation messages of /message:send', async () => {
    const A = await node();
    const expectError = async (body: unknown, error: string | RegExp) => {
      const r = await post(A.base, '/message:send', body);
      expect(r.status).toBe(400);
      expect(r.body.ok).toBe(false);
      expect(r.body.error_code).toBe('ERR_INVALID_REQUEST');
      if (typeof error === 'string') expect(r.body.error).toBe(error);
      else expect(r.body.error).toMatch(error);
    };
    await expectError({ parts: [{ type: 'text', content: 'x' }] }, "missing required field: role (must be 'user' or 'agent')");
    await expectError({ role: 'bot', text: 'x' }, "invalid role 'bot': must be 'user' or 'agent'");
    await expectError({ role: 'user', parts: [{ type: 'image' }] }, "parts[0]: unknown part type 'image'; expected text|file|data");
    await expectError('{not json', /^Invalid JSON in request body:/);
    await expectError({ role: 'user' }, "missing required field: provide 'parts' (list) or 'text' (string)");
  });

  it('item 38-39: ambiguous without peer_id, only the addressed peer receives; unknown peer ids answer 404', async () => {
    const { A, B, bPeerOnA } = await connectedPair();
    const C = await startNode({ name: 'AgentC' });
    running.push(A, B, C);
    await post(C.base, '/peers/connect', { link: A.plugin.link });
    await until(async () => (await status(A)).peer_count === 2);
    const amb = await post(A.base, '/message:send', { role: 'user', text: 'x' });
    expect(amb.body).toMatchObject({ error_code: 'ERR_AMBIGUOUS_PEER' });
    expect([...amb.body.connected_peers].sort()).toEqual((await get(A.base, '/peers')).body.peers.map((p: any) => p.id).sort());
    expect((await post(A.base, '/message:send', { role: 'user', text: 'b', peer_id: bPeerOnA, message_id: 'only-b' })).status).toBe(200);
    await until(async () => (await get(B.base, '/recv')).body.count === 1);
    const nf = await post(A.base, '/message:send', { role: 'user', text: 'x', peer_id: 'peer_999' });
    expect(nf.status).toBe(404);
    expect((await post(A.base, '/peer/peer_999/send', { text: 'x' })).body.error_code).toBe('ERR_NOT_FOUND');
    await new Promise((r) => setTimeout(r, 50));
    expect((await get(C.base, '/recv')).body.count).toBe(0);
  });

  it('item 40-41: queued with 202 and delivered after the card with _was_queued, fresh ts and a valid sig; 503 without queueing', async () => {
    const A = await node({ secret: 's3cr3t' });
    const res = await post(A.base, '/message:send', { role: 'user', message_id: 'm-q', text: 'hi' });
    expect(res.status).toBe(202);
    expect(res.body.queued).toBe(true);
    expect((await get(A.base, '/offline-queue')).body).toMatchObject({ total_queued: 1, queue: { default: { messages: [{ message_id: 'm-q' }] } } });
    await new Promise((r) => setTimeout(r, 5));
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const frame = await until(() => raw.frames[1]);
    expect(raw.frames[0].type).toBe('acp.agent_card');
    expect(frame).toMatchObject({ message_id: 'm-q', _was_queued: true });
    expect(frame.sig).toBe(hmacSignature('s3cr3t', 'm-q', frame.ts));
    expect(Date.parse(frame.ts)).toBeGreaterThan(Date.now() - 2_000);
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
    raw.close();
    const off = await node({ name: 'Off', offlineQueue: false });
    const r503 = await post(off.base, '/message:send', { role: 'user', message_id: 'm-q', text: 'hi' });
    expect(r503.body).toMatchObject({ error_code: 'ERR_NOT_CONNECTED', failed_message_id: 'm-q' });
    expect((await get(off.base, '/offline-queue')).body.total_queued).toBe(0);
  });

  it('item 42: an oversized signed frame answers 413 with failed_message_id and nothing is sent', async () => {
    const { A, B } = await connectedPair({ secret: 's3cr3t', hmacCompat: true }, { secret: 's3cr3t', hmacCompat: true });
    running.push(A, B);
    // just under the limit before signing, over it once sig is added
    const r = await post(A.base, '/message:send', { role: 'user', message_id: 'big', text: 'x'.repeat(1_048_576 - 150) });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error_code: 'ERR_MSG_TOO_LARGE', failed_message_id: 'big' });
    await new Promise((res) => setTimeout(res, 50));
    expect((await status(B)).messages_received).toBe(0);
  });

  it('item 43: every error of every route is the envelope', async () => {
    const A = await node();
    const calls: [string, string, unknown?][] = [
      ['POST', '/message:send', '{'], ['POST', '/peer/nope/send', {}], ['POST', '/reply', {}], ['GET', '/recv?limit=x'],
      ['GET', '/messages?limit=-1'], ['GET', '/context/c/messages?limit=0'], ['GET', '/history?limit=x'], ['POST', '/peers/connect', {}],
      ['POST', '/peers/connect', { link: 'http://x' }], ['GET', '/peers/nope'], ['GET', '/peer/nope'], ['POST', '/tasks', {}], ['GET', '/tasks?status=bogus'],
      ['GET', '/tasks/nope'], ['GET', '/tasks/nope/wait'], ['POST', '/tasks/nope/update', {}], ['POST', '/tasks/nope/continue', {}],
      ['POST', '/tasks/nope:cancel'], ['DELETE', '/tasks/nope'], ['PATCH', '/.well-known/acp.json', {}], ['GET', '/.well-known/did.json'],
      ['GET', '/skills?limit=x'], ['POST', '/skills/query', { skill_id: 5 }], ['GET', '/tasks/nope:subscribe'], ['GET', '/ws/stream'],
      ['POST', '/webhooks/register', {}], ['GET', '/peer/verify'], ['PUT', '/status'], ['GET', '/nothing'],
    ];
    for (const [method, path, body] of calls) {
      const r = await http(A.base, method, path, body);
      expect(r.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(r.body, `${method} ${path}`).toMatchObject({ ok: false, error_code: expect.any(String), error: expect.any(String) });
    }
  });

  it('item 44, 46, 47: /messages sorts and filters on receive time; /recv is destructive; /history survives; /context lists both directions', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    await post(B.base, '/message:send', { role: 'user', text: 'in', message_id: 'in-1', context_id: 'ctx-1' });
    await until(async () => (await status(A)).messages_received === 1);
    await new Promise((r) => setTimeout(r, 40));
    const t = (Date.now() - 20) / 1000; // after the inbound message (40 ms ago), before the send
    await post(A.base, '/message:send', { role: 'agent', text: 'out', message_id: 'out-1', context_id: 'ctx-1' });
    const list = (await get(A.base, '/messages?limit=5&sort=asc')).body;
    expect(list.messages).toHaveLength(2);
    expect(list.messages[0].message_id).toBe('in-1');
    expect(list.messages[1].raw.message_id).toBe('out-1');
    expect((await get(A.base, `/messages?received_after=${t}`)).body.total).toBe(1);
    const ctx = (await get(A.base, '/context/ctx-1/messages')).body;
    expect(ctx).toMatchObject({ context_id: 'ctx-1', count: 2, total: 2, has_more: false });
    expect(ctx.messages.map((m: any) => m.message_id).sort()).toEqual(['in-1', 'out-1']);
    expect((await get(A.base, '/recv')).body.count).toBe(2);
    expect((await get(A.base, '/recv')).body.count).toBe(0);
    expect((await get(A.base, '/history')).body.history.map((m: any) => m.message_id)).toEqual(['in-1']);
  });

  it('item 45: /peers/{id} and /peer/{id} answer JSON with ip:port after directed sends', async () => {
    const { A, B, bPeerOnA } = await connectedPair();
    running.push(A, B);
    await post(A.base, '/message:send', { role: 'user', text: 'x', peer_id: bPeerOnA });
    await post(A.base, `/peer/${bPeerOnA}/send`, { text: 'y' });
    for (const path of [`/peers/${bPeerOnA}`, `/peer/${bPeerOnA}`]) {
      const r = await get(A.base, path);
      expect(r.status).toBe(200);
      expect(r.body.remote_address).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });

  it('item 48: /peers/connect answers within 100 ms, is idempotent per link, and refuses bad links', async () => {
    const A = await node();
    const B = await node({ name: 'AgentB' });
    const t0 = Date.now();
    const first = await post(B.base, '/peers/connect', { link: A.plugin.link });
    expect(Date.now() - t0).toBeLessThan(100);
    const again = await post(B.base, '/peers/connect', { link: A.plugin.link });
    expect(again.body).toMatchObject({ already_connected: true, peer_id: first.body.peer_id });
    for (const body of [{ link: 'http://x' }, {}, { link: 'acp+wss://relay.example/acp/tok_x' }]) {
      const r = await post(B.base, '/peers/connect', body);
      expect(r.status).toBe(400);
      expect(r.body.error_code).toBe('ERR_INVALID_REQUEST');
    }
  });

  it('item 50: the card has every top-level and capability key and a fresh timestamp per request', async () => {
    const A = await node();
    const { AGENT_CARD_KEYS, CAPABILITY_KEYS } = await import('@troupe/protocol-relay');
    const one = (await get(A.base, '/.well-known/acp.json')).body;
    await new Promise((r) => setTimeout(r, 2));
    const two = (await get(A.base, '/.well-known/acp.json')).body;
    for (const k of AGENT_CARD_KEYS) expect(one.self).toHaveProperty(k);
    expect(one.self).not.toHaveProperty('availability');
    for (const k of CAPABILITY_KEYS) expect(one.self.capabilities).toHaveProperty(k);
    expect(one.peer).toBeNull();
    expect(one.self.timestamp).not.toBe(two.self.timestamp);
    expect(one.self.capabilities.push_notifications).toBe(true);
  });

  it('item 54: 100 concurrent sends complete 2xx, none slower than 1 s', async () => {
    const { A, B } = await connectedPair();
    running.push(A, B);
    const times = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
      const t0 = Date.now();
      const r = await post(B.base, '/message:send', { role: 'user', text: `n${i}` });
      return { status: r.status, ms: Date.now() - t0 };
    }));
    expect(times.every((t) => t.status >= 200 && t.status < 300)).toBe(true);
    expect(Math.max(...times.map((t) => t.ms))).toBeLessThan(1_000);
  });

  it('item 55: a POST with a foreign Origin is refused 403 and has no effect', async () => {
    const A = await node();
    const r = await post(A.base, '/tasks', { role: 'user', task_id: 'o1' }, { Origin: 'https://example.com' });
    expect(r.status).toBe(403);
    expect((await get(A.base, '/tasks/o1')).status).toBe(404);
    expect((await post(A.base, '/tasks', { role: 'user', task_id: 'o1' })).status).toBe(201);
  });

  it('item 69: a registered webhook receives one POST per event, in seq order', async () => {
    const A = await node();
    const got: any[] = [];
    const hook = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        got.push(JSON.parse(b));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
    const reg = await post(A.base, '/webhooks/register', { url });
    expect(reg.body).toMatchObject({ ok: true, registered: url, total: 1 });
    const stream = sse(A.base);
    await stream.headers;
    for (let i = 0; i < 5; i++) await post(A.base, '/tasks', { role: 'user', task_id: `wh-${i}` });
    await until(() => got.length === 5);
    expect(got.map((e) => e.seq)).toEqual(stream.events.map((e) => e.seq));
    expect(got[0]).toEqual(stream.events[0]);
    stream.close();
    await new Promise((r) => hook.close(r));
  });
});
