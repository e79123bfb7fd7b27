import { afterEach, describe, expect, it } from 'vitest';
import { connectedPair, get, http, post, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

/** The MAY routes of §3.8: legacy `/send` and `/wait`, extension registration, the availability heartbeat. */

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const WIRE_TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

async function pair(options: Parameters<typeof connectedPair>[0] = {}) {
  const p = await connectedPair(options, options);
  running.push(p.A, p.B);
  return p;
}

/** Drains `/recv` until an entry with this id arrives; keeps every entry read on the way. */
async function received(node: TestNode, id: string, seen: any[] = []): Promise<any> {
  return until(async () => {
    seen.push(...(await get(node.base, '/recv')).body.messages);
    return seen.find((m) => m.id === id);
  }, 5_000, `entry ${id} on ${node.base}`);
}

describe('POST /send (legacy, §3.8)', () => {
  it('forwards a legacy frame with id, ts, from and session_id filled, request-only members stripped', async () => {
    const { A, B, aPeerOnB } = await pair();
    const res = await post(B.base, '/send', { type: 'ping', data: { n: 1 }, ts: 'bogus', from: 'someone-else', peer_id: aPeerOnB, _marker: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, id: expect.stringMatching(/^msg_[0-9a-f]{12}$/) });
    const entry = await received(A, res.body.id);
    const session = (await get(B.base, `/peers/${aPeerOnB}`)).body.session_id;
    expect(session).toBeTypeOf('string');
    expect(entry.content).toEqual({
      type: 'ping', data: { n: 1 }, id: res.body.id, message_id: res.body.id, ts: expect.stringMatching(WIRE_TS), from: 'AgentB', session_id: session,
    });

    const kept = await post(B.base, '/send', { type: 'ping', id: 'legacy-own-id', sync: false, timeout: 9 });
    expect(kept.body).toEqual({ ok: true, id: 'legacy-own-id' });
    const own = await received(A, 'legacy-own-id');
    expect(own.content).not.toHaveProperty('sync');
    expect(own.content).not.toHaveProperty('timeout');
  });

  it('forwards an acp.message frame: the peer records a message, the sender an outbound record', async () => {
    const { A, B } = await pair();
    const parts = [{ type: 'text', content: 'hi via /send' }];
    const res = await post(B.base, '/send', { type: 'acp.message', id: 'send-msg-1', role: 'user', parts, context_id: 'ctx-send' });
    expect(res.body).toEqual({ ok: true, id: 'send-msg-1' });
    const entry = await received(A, 'send-msg-1');
    expect(entry).toMatchObject({ role: 'user', parts, context_id: 'ctx-send', raw: { type: 'acp.message', from: 'AgentB', ts: expect.stringMatching(WIRE_TS) } });
    const outbound = (await get(B.base, '/recv')).body.messages.find((m: any) => m.direction === 'outbound');
    expect(outbound?.raw).toMatchObject({ message_id: 'send-msg-1', parts });
  });

  it('signs the frames it forwards (HMAC verified by the peer)', async () => {
    const { A, B } = await pair({ secret: 's3cr3t-may' });
    const res = await post(B.base, '/send', { type: 'ping', id: 'signed-1' });
    expect(res.status).toBe(200);
    expect((await received(A, 'signed-1')).verified).toContain('hmac');
  });

  it('validates the body and refuses frames the peer would drop', async () => {
    const { B } = await pair();
    const cases: [unknown, RegExp][] = [
      ['[1]', /JSON object/],
      [{ type: 5 }, /'type'/],
      [{ type: 'acp.agent_card', card: {} }, /cannot be sent/],
      [{ type: 'ping', sync: 'yes' }, /'sync'/],
      [{ type: 'ping', timeout: 0 }, /timeout/],
      [{ type: 'ping', id: '' }, /'id'/],
      [{ type: 'acp.message', role: 5, parts: [{ type: 'text', content: 'x' }] }, /role/],
      [{ type: 'acp.reply' }, /correlation_id/],
    ];
    for (const [body, error] of cases) {
      const res = await post(B.base, '/send', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: expect.stringMatching(error) });
    }
    const big = await post(B.base, '/send', { type: 'blob', id: 'too-big', data: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error_code: 'ERR_MSG_TOO_LARGE', failed_message_id: 'too-big' });
  });

  it('routes like /message:send: no peer, two peers, unknown peer_id, peer_id of one', async () => {
    const lonely = await startNode({ name: 'Lonely', offlineQueue: false });
    const queueing = await startNode({ name: 'Queueing' });
    running.push(lonely, queueing);
    expect((await post(lonely.base, '/send', { type: 'ping', id: 'nobody' })).body).toMatchObject({ error_code: 'ERR_NOT_CONNECTED', failed_message_id: 'nobody' });
    expect((await post(queueing.base, '/send', { type: 'ping', id: 'later' })).body).toMatchObject({ ok: true, queued: true, id: 'later', peer_id: 'default' });
    const sync = await post(queueing.base, '/send', { type: 'ping', id: 'now-or-never', sync: true });
    expect(sync.status).toBe(503);

    const { A, B, bPeerOnA } = await pair();
    const C = await startNode({ name: 'AgentC' });
    running.push(C);
    await post(C.base, '/peers/connect', { link: A.plugin.link });
    await until(async () => (await get(A.base, '/status')).body.peer_count === 2, 5_000, 'A has two peers');
    const ambiguous = await post(A.base, '/send', { type: 'ping', id: 'which' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body).toMatchObject({ error_code: 'ERR_AMBIGUOUS_PEER', failed_message_id: 'which' });
    expect(ambiguous.body.connected_peers).toHaveLength(2);
    const unknown = await post(A.base, '/send', { type: 'ping', peer_id: 'peer_999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 'ERR_NOT_FOUND' });

    expect((await post(A.base, '/send', { type: 'ping', id: 'onlyB', peer_id: bPeerOnA })).status).toBe(200);
    await received(B, 'onlyB');
    expect((await get(C.base, '/recv')).body.count).toBe(0);
  });

  it('sync: answers with the acp.reply the peer sends via /reply, or 408 after timeout', async () => {
    const { A, B } = await pair();
    const pending = post(B.base, '/send', { type: 'ping', id: 'sync-1', sync: true, timeout: 5 });
    const asked = await received(A, 'sync-1');
    expect(asked.content).toMatchObject({ correlation_id: 'sync-1' });
    expect((await post(A.base, '/reply', { correlation_id: 'sync-1', parts: [{ type: 'text', content: 'pong' }] })).status).toBe(200);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, id: 'sync-1', reply: { type: 'acp.reply', correlation_id: 'sync-1', from: 'AgentA', parts: [{ type: 'text', content: 'pong' }] } });

    const started = Date.now();
    const late = await post(B.base, '/send', { type: 'ping', id: 'sync-late', sync: true, timeout: 0.3 });
    expect(late.status).toBe(408);
    expect(late.body).toMatchObject({ ok: false, error_code: 'ERR_TIMEOUT', failed_message_id: 'sync-late' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('GET /wait/{correlation_id} (§3.8)', () => {
  it('finds a reply that arrives after the wait started, and one that arrived just before', async () => {
    const { A, B, bPeerOnA } = await pair();
    const pending = get(B.base, '/wait/w-after?timeout=5');
    await until(() => B.plugin.node.replies.isWaiting('w-after'), 5_000, 'wait registered');
    await post(A.base, '/reply', { correlation_id: 'w-after', peer_id: bPeerOnA, parts: [{ type: 'text', content: 'after' }] });
    const after = await pending;
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: true, reply: { type: 'acp.reply', correlation_id: 'w-after', parts: [{ type: 'text', content: 'after' }] } });

    await post(A.base, '/reply', { correlation_id: 'w-before', peer_id: bPeerOnA, content: 'before' });
    // Nobody waited, so the reply is also kept in the deque (§2.4.3); once it is there, the wait finds it at once.
    await until(async () => (await get(B.base, '/messages')).body.messages.some((m: any) => m.content?.correlation_id === 'w-before'), 5_000, 'reply on B');
    const started = Date.now();
    const before = await get(B.base, '/wait/w-before?timeout=5');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ok: true, reply: { correlation_id: 'w-before', content: 'before' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('finds the reply to a synchronous /send that timed out', async () => {
    const { A, B } = await pair();
    expect((await post(B.base, '/send', { type: 'ping', id: 'slow-1', sync: true, timeout: 0.2 })).status).toBe(408);
    await post(A.base, '/reply', { correlation_id: 'slow-1', content: 'late answer' });
    const res = await until(async () => {
      const r = await get(B.base, '/wait/slow-1?timeout=0');
      return r.status === 200 ? r : undefined;
    }, 5_000, 'late reply');
    expect(res.body.reply).toMatchObject({ correlation_id: 'slow-1', content: 'late answer' });
  });

  it('times out with 408 ERR_TIMEOUT and refuses a bad timeout', async () => {
    const A = await startNode();
    running.push(A);
    const started = Date.now();
    const res = await get(A.base, '/wait/never?timeout=0.3');
    expect(res.status).toBe(408);
    expect(res.body).toMatchObject({ ok: false, error_code: 'ERR_TIMEOUT', error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(A.plugin.node.replies.isWaiting('never')).toBe(false);
    for (const bad of ['-1', 'abc', '1e3', ' 5']) {
      const r = await get(A.base, `/wait/never?timeout=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body).toMatchObject({ error_code: 'ERR_INVALID_REQUEST' });
    }
  });
});

describe('extensions (§3.8)', () => {
  it('registers after the built-ins, replaces by uri, unregisters; visible in /extensions and the card', async () => {
    const A = await startNode({ secret: 's3cr3t' });
    running.push(A);
    const uris = async (): Promise<string[]> => (await get(A.base, '/extensions')).body.extensions.map((e: any) => e.uri);
    const card = async (): Promise<any> => (await get(A.base, '/.well-known/acp.json')).body.self;

    const reg = await post(A.base, '/extensions/register', { uri: 'https://example.org/ext/a', required: true, params: { v: 1 } });
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ ok: true, replaced: false, extension: { uri: 'https://example.org/ext/a', required: true, params: { v: 1 } } });
    await post(A.base, '/extensions/register', { uri: 'http://example.org/ext/b' });
    expect(await uris()).toEqual(['acp:ext:hmac-v1', 'urn:troupe:acp:ack:v1', 'https://example.org/ext/a', 'http://example.org/ext/b']);
    expect((await card()).extensions[3]).toEqual({ uri: 'http://example.org/ext/b', required: false });
    expect((await card()).capabilities.extensions).toBe(true);

    const again = await post(A.base, '/extensions/register', { uri: 'https://example.org/ext/a' });
    expect(again.body).toMatchObject({ replaced: true, extension: { uri: 'https://example.org/ext/a', required: false } });
    expect(await uris()).toEqual(['acp:ext:hmac-v1', 'urn:troupe:acp:ack:v1', 'https://example.org/ext/a', 'http://example.org/ext/b']);
    expect((await card()).extensions[2]).toEqual({ uri: 'https://example.org/ext/a', required: false });

    const builtIn = await post(A.base, '/extensions/unregister', { uri: 'acp:ext:hmac-v1' });
    expect(builtIn.status).toBe(400);
    const unknown = await post(A.base, '/extensions/unregister', { uri: 'https://example.org/ext/zzz' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error_code: 'ERR_NOT_FOUND' });
    for (const uri of ['https://example.org/ext/a', 'http://example.org/ext/b']) {
      expect((await post(A.base, '/extensions/unregister', { uri })).body).toMatchObject({ ok: true, unregistered: uri });
    }
    expect(await uris()).toEqual(['acp:ext:hmac-v1', 'urn:troupe:acp:ack:v1']);
    expect((await card()).capabilities.extensions).toBe(false);
  });

  it('refuses bad registrations with 400', async () => {
    const A = await startNode();
    running.push(A);
    const bad: unknown[] = [{}, { uri: 'ftp://example.org/x' }, { uri: 'acp:ext:mine' }, { uri: 7 }, { uri: 'https://e.org/x', required: 'yes' }, { uri: 'https://e.org/x', params: [1] }, '{nope'];
    for (const body of bad) {
      const res = await post(A.base, '/extensions/register', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error_code).toBe('ERR_INVALID_REQUEST');
    }
    expect((await post(A.base, '/extensions/unregister', {})).status).toBe(400);
    expect((await get(A.base, '/extensions')).body).toEqual({ extensions: [{ uri: 'urn:troupe:acp:ack:v1', required: false, params: { frame: 'troupe.ack' } }], count: 1 });
  });
});

describe('POST /availability/heartbeat (§3.8)', () => {
  it('stamps last_active_at in the configured block; 400 when availability is not configured', async () => {
    const none = await startNode({ name: 'NoAvailability' });
    const A = await startNode({ availability: { mode: 'heartbeat', interval_seconds: 60, last_active_at: '2020-01-01T00:00:00Z' } });
    running.push(none, A);
    const refused = await post(none.base, '/availability/heartbeat', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe('ERR_INVALID_REQUEST');
    expect((await get(none.base, '/availability')).body).toEqual({ availability: null });

    const beat = await post(A.base, '/availability/heartbeat');
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ ok: true, last_active_at: expect.stringMatching(WIRE_TS), availability: { mode: 'heartbeat', interval_seconds: 60 } });
    expect(beat.body.availability.last_active_at).toBe(beat.body.last_active_at);
    expect(beat.body.last_active_at > '2020-01-01T00:00:00Z').toBe(true);
    expect((await get(A.base, '/availability')).body.availability.last_active_at).toBe(beat.body.last_active_at);
    expect((await get(A.base, '/.well-known/acp.json')).body.self.availability.last_active_at).toBe(beat.body.last_active_at);
    expect((await http(A.base, 'POST', '/availability/heartbeat', '{bad')).status).toBe(400);
  });
});
