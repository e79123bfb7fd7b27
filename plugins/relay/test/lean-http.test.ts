/**
 * The relay API's two HTTP paths, byte for byte, over real loopback sockets: the lean path
 * (`src/http/lean-http.ts`) for plain requests, and the handover to node:http for everything
 * else (streams, upgrades, chunked bodies, HEAD, HTTP/1.0, malformed or oversized requests).
 * Raw `node:net` clients so every test controls the exact bytes and their split into writes.
 */
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_BODY_BYTES } from '../src/http/http-api.js';
import { get, post, startNode, until, type TestNode, RawClient, WAIT_MS, type RawResponse } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

async function node(options: Parameters<typeof startNode>[0] = {}): Promise<TestNode> {
  const n = await startNode(options);
  running.push(n);
  return n;
}

async function client(n: TestNode): Promise<RawClient> {
  const c = await RawClient.open(n.plugin.httpPort);
  clients.push(c);
  return c;
}

/** A request's exact bytes: `Host` first, a JSON body with `Content-Length` when there is one. */
function request(n: TestNode, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): string {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${n.plugin.httpPort}`];
  if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`);
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${text}`;
}

const bodyOf = (r: RawResponse): any => JSON.parse(r.body);
const names = (r: RawResponse): string[] => r.lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase());

/** The headers every JSON answer of the API carries, checked value by value. */
function expectJsonHeaders(r: RawResponse, keepAlive: boolean): void {
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(r.headers['access-control-allow-origin']).toBe('*');
  expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
  const date = r.headers['date'] ?? '';
  expect(new Date(date).toUTCString()).toBe(date);
  expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(10_000);
  expect(r.headers['connection']).toBe(keepAlive ? 'keep-alive' : 'close');
  expect(r.headers['keep-alive']).toBe(keepAlive ? 'timeout=30' : undefined);
}

/** Lets one write leave as its own segment before the next (a real socket cannot be simulated). */
const pace = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

const NOT_FOUND = { ok: false, error_code: 'ERR_NOT_FOUND', error: 'not found' };

describe('lean HTTP path', () => {
  it('keep-alive: several requests on one connection, each answered in full with the API headers', async () => {
    const A = await node();
    const c = await client(A);

    await c.write(request(A, 'GET', '/status'));
    const status = await c.response();
    expect(status.statusLine).toBe('HTTP/1.1 200 OK');
    expectJsonHeaders(status, true);
    expect(bodyOf(status)).toMatchObject({ agent_name: 'Node', http_port: A.plugin.httpPort, connected: false, peer_count: 0 });

    await c.write(request(A, 'GET', '/.well-known/acp.json'));
    const card = await c.response();
    expect(card.status).toBe(200);
    expectJsonHeaders(card, true);
    expect(bodyOf(card).self.name).toBe('Node');
    expect(bodyOf(card).peer).toBeNull();

    await c.write(request(A, 'GET', '/no/such/route'));
    const nf = await c.response();
    expect(nf.statusLine).toBe('HTTP/1.1 404 Not Found');
    expectJsonHeaders(nf, true);
    expect(bodyOf(nf)).toEqual(NOT_FOUND);

    // A query string is not part of the route; the answer is the one node:http's client reads.
    await c.write(request(A, 'GET', '/.well-known/jwks.json?x=1'));
    const jwks = await c.response();
    expect(bodyOf(jwks)).toEqual({ keys: [] });
    expect(bodyOf(jwks)).toEqual((await get(A.base, '/.well-known/jwks.json')).body);

    expect(c.ended).toBe(false);
    expect(c.pending).toBe(0);
  });

  it('pipelining: eight requests in one write, GET and POST, async routes included, come back in order', async () => {
    const A = await node({ skills: ['summarize'] });
    const c = await client(A);
    await c.write([
      request(A, 'GET', '/status'),
      request(A, 'POST', '/message:send', { role: 'user', text: 'queued while pipelined', message_id: 'pipe-1' }),
      // answered only after the send before it completed: it must see the message queued
      request(A, 'GET', '/offline-queue'),
      request(A, 'POST', '/skills/query', { skill_id: 'summarize' }),
      request(A, 'POST', '/tasks', { role: 'user', task_id: 'pipe-task' }),
      request(A, 'POST', '/message:send', '{not json'),
      request(A, 'GET', '/tasks/pipe-task'),
      request(A, 'GET', '/nope'),
    ].join(''));
    const rs: RawResponse[] = [];
    for (let i = 0; i < 8; i++) rs.push(await c.response());
    expect(rs.map((r) => r.status)).toEqual([200, 202, 200, 200, 201, 400, 200, 404]);
    expect(bodyOf(rs[0]!).agent_name).toBe('Node');
    expect(bodyOf(rs[1]!)).toMatchObject({ ok: true, queued: true, message_id: 'pipe-1', peer_id: 'default' });
    expect(bodyOf(rs[2]!)).toMatchObject({ total_queued: 1, queue: { default: { depth: 1, messages: [{ message_id: 'pipe-1' }] } } });
    expect(bodyOf(rs[3]!)).toMatchObject({ support_level: 'supported', known_skills: ['summarize'] });
    expect(bodyOf(rs[4]!)).toMatchObject({ ok: true, task: { id: 'pipe-task' } });
    expect(bodyOf(rs[5]!)).toMatchObject({ ok: false, error_code: 'ERR_INVALID_REQUEST' });
    expect(bodyOf(rs[5]!).error).toMatch(/^Invalid JSON in request body:/);
    expect(bodyOf(rs[6]!).id).toBe('pipe-task');
    expect(bodyOf(rs[7]!)).toEqual(NOT_FOUND);
    for (const r of rs) expectJsonHeaders(r, true);
    expect(c.pending).toBe(0);
  });

  it('a request split into tiny writes (the head byte by byte, the body inside a UTF-8 character) is answered once', async () => {
    const A = await node();
    const c = await client(A);
    const body = Buffer.from(JSON.stringify({ role: 'user', task_id: 'tâche-split', text: 'héllo split' }), 'utf8');
    const head = `POST /tasks HTTP/1.1\r\nHost: 127.0.0.1:${A.plugin.httpPort}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    for (const ch of head) {
      await c.write(ch);
      await pace();
    }
    const cut = body.indexOf(Buffer.from('é', 'utf8')) + 1; // between the two bytes of é
    await c.write(body.subarray(0, cut));
    await pace();
    await c.write(body.subarray(cut, body.length - 1));
    await pace();
    // Nothing may be answered before the last body byte.
    expect(c.received).toBe(0);
    await c.write(body.subarray(body.length - 1));
    const r = await c.response();
    expect(r.status).toBe(201);
    expectJsonHeaders(r, true);
    const task = bodyOf(r).task;
    expect(task.id).toBe('tâche-split');
    expect(JSON.stringify(task)).toContain('héllo split');
    // Exactly one answer and one task.
    expect(c.pending).toBe(0);
    await c.write(request(A, 'GET', '/tasks'));
    const list = await c.response();
    expect(bodyOf(list)).toMatchObject({ count: 1, tasks: [{ id: 'tâche-split' }] });
    expect(c.pending).toBe(0);
  });

  it('Connection: close is answered with Connection: close, then the server ends the socket and ignores what follows', async () => {
    const A = await node();
    const c = await client(A);
    await c.write(
      request(A, 'GET', '/status')
      + request(A, 'POST', '/message:send', { role: 'user', text: 'last', message_id: 'close-1' }, { Connection: 'close' })
      + request(A, 'POST', '/message:send', { role: 'user', text: 'after close', message_id: 'close-2' }),
    );
    const first = await c.response();
    expectJsonHeaders(first, true);
    const last = await c.response();
    expect(last.status).toBe(202);
    expectJsonHeaders(last, false);
    expect(bodyOf(last).message_id).toBe('close-1');
    await c.closed();
    expect(c.pending).toBe(0);
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(1);
  });

  it('a client that half-closes gets the answers that are ready, then the close, on either path; the server carries on', async () => {
    const A = await node();
    const lean = await client(A);
    lean.socket.end(request(A, 'GET', '/status') + request(A, 'GET', '/nope'));
    expect(bodyOf(await lean.response()).agent_name).toBe('Node');
    expect(bodyOf(await lean.response())).toEqual(NOT_FOUND);
    await lean.closed();
    expect(lean.pending).toBe(0);

    const handed = await client(A);
    handed.socket.end('HEAD /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect((await handed.response(true)).status).toBe(404);
    await handed.closed();

    // As node:http does (no httpAllowHalfOpen), a FIN ends the connection even with an answer
    // still pending: no hang, no crash, and the route's work is done.
    await post(A.base, '/tasks', { role: 'user', task_id: 'fin-wait' });
    const pendingAtFin = await client(A);
    pendingAtFin.socket.end(request(A, 'GET', '/tasks/fin-wait/wait?timeout=10'));
    await pendingAtFin.closed();
    expect((await post(A.base, '/tasks/fin-wait/update', { status: 'completed' })).status).toBe(200);
    expect((await get(A.base, '/tasks/fin-wait')).body.status).toBe('completed');
  });

  it('hands a connection to node:http at GET /stream after lean requests, and the stream carries later events', async () => {
    const A = await node();
    const c = await client(A);
    await c.write(request(A, 'POST', '/tasks', { role: 'user', task_id: 'before-stream' }));
    expect((await c.response()).status).toBe(201);
    await c.write(request(A, 'GET', '/status'));
    expect((await c.response()).status).toBe(200);
    await c.write(request(A, 'GET', '/stream'));
    const head = await c.head();
    expect(head.statusLine).toBe('HTTP/1.1 200 OK');
    expect(head.headers['content-type']).toBe('text/event-stream');
    expect(head.headers['cache-control']).toBe('no-cache');
    expect(head.headers['transfer-encoding']).toBe('chunked');
    await c.readThrough(': keepalive\n\n');
    expect((await post(A.base, '/tasks', { role: 'user', task_id: 'after-stream' })).status).toBe(201);
    const text = await c.readThrough('"task_id":"after-stream"');
    expect(text).toContain('event: acp.task.status\ndata: {"type":"status"');
    expect(text).not.toContain('before-stream'); // no ?since: live events only
  });

  it('hands over a GET /stream pipelined behind a lean request in the same write', async () => {
    const A = await node();
    const c = await client(A);
    await c.write(
      request(A, 'POST', '/message:send', { role: 'user', text: 'before the stream', message_id: 'pre-stream' })
      + request(A, 'GET', '/status')
      + request(A, 'GET', '/stream'),
    );
    const sent = await c.response();
    expect(sent.status).toBe(202);
    expect(bodyOf(sent).message_id).toBe('pre-stream');
    const status = await c.response();
    expect(status.status).toBe(200);
    expect(bodyOf(status).agent_name).toBe('Node');
    expectJsonHeaders(status, true);
    const head = await c.head();
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream');
    await c.readThrough(': keepalive\n\n');
    await post(A.base, '/tasks', { role: 'user', task_id: 'piped' });
    expect(await c.readThrough('"task_id":"piped"')).toContain('event: acp.task.status');
  });

  it('a task subscription served by node:http ends with the task and the connection keeps serving', async () => {
    const A = await node();
    const c = await client(A);
    await c.write(request(A, 'POST', '/tasks', { role: 'user', task_id: 'sub-1' }) + request(A, 'GET', '/tasks/sub-1:subscribe'));
    expect((await c.response()).status).toBe(201);
    const head = await c.head();
    expect(head.headers['content-type']).toBe('text/event-stream');
    await c.readThrough(': keepalive\n\n');
    expect((await post(A.base, '/tasks/sub-1/update', { status: 'completed' })).status).toBe(200);
    const text = await c.readThrough('\r\n0\r\n\r\n'); // the last chunk: the stream ended
    expect(text).toMatch(/"task_id":"sub-1"[^\n]*"state":"completed"|"state":"completed"[^\n]*"task_id":"sub-1"/);
    await c.write(request(A, 'GET', '/tasks/sub-1'));
    const after = await c.response();
    expect(after.status).toBe(200);
    expect(bodyOf(after).status).toBe('completed');
    expect(after.headers['connection']).toBe('keep-alive');
  });

  it('a chunked POST body sent in separate writes is answered as the Content-Length one; the connection keeps working', async () => {
    const A = await node({ skills: ['summarize', 'translate'] });
    const c = await client(A);
    const payload = JSON.stringify({ skill_id: 'summ' });
    await c.write(request(A, 'POST', '/skills/query', payload));
    const lean = await c.response();
    expect(lean.status).toBe(200);
    await c.write(`POST /skills/query HTTP/1.1\r\nHost: 127.0.0.1:${A.plugin.httpPort}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    await pace();
    await c.write(`${(5).toString(16)}\r\n${payload.slice(0, 5)}\r\n`);
    await pace();
    await c.write(`${(payload.length - 5).toString(16)}\r\n${payload.slice(5)}\r\n`);
    await pace();
    expect(c.pending).toBe(0);
    await c.write('0\r\n\r\n');
    const chunked = await c.response();
    expect(chunked.status).toBe(200);
    expect(chunked.body).toBe(lean.body);
    expect(bodyOf(chunked).reason).toMatch(/similar skills found: \['summarize'\]$/);
    // The lean path writes the headers node:http writes, in the same order.
    expect(names(chunked)).toEqual(names(lean));
    expectJsonHeaders(chunked, true);

    const msg = { role: 'user', text: 'chunked send', message_id: 'chunk-1' };
    const text = JSON.stringify(msg);
    await c.write(`POST /message:send HTTP/1.1\r\nHost: 127.0.0.1:${A.plugin.httpPort}\r\nTransfer-Encoding: chunked\r\n\r\n${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`);
    const sent = await c.response();
    expect(sent.status).toBe(202);
    expect(bodyOf(sent)).toMatchObject({ ok: true, queued: true, message_id: 'chunk-1' });
    await c.write(request(A, 'GET', '/offline-queue'));
    const q = await c.response();
    expect(bodyOf(q)).toMatchObject({ total_queued: 1, queue: { default: { messages: [{ message_id: 'chunk-1' }] } } });

    // Expect: 100-continue goes to node:http too: the interim answer, then the real one.
    const cont = JSON.stringify({ role: 'user', text: 'after 100', message_id: 'continue-1' });
    await c.write(`POST /message:send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${cont.length}\r\nExpect: 100-continue\r\n\r\n`);
    expect((await c.response()).statusLine).toBe('HTTP/1.1 100 Continue');
    await c.write(cont);
    const continued = await c.response();
    expect(continued.status).toBe(202);
    expect(bodyOf(continued).message_id).toBe('continue-1');
    expect(c.pending).toBe(0);
    expect(c.ended).toBe(false);
  });

  it('upgrades /ws/stream (a ws client, and a raw handshake after a lean request); other upgrade paths are refused 404', async () => {
    const A = await node();
    const frames: any[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.httpPort}/ws/stream`);
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    try {
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      await post(A.base, '/tasks', { role: 'user', task_id: 'over-ws' });
      const frame = await until(() => frames.find((f) => f.data?.task_id === 'over-ws'), WAIT_MS, 'the ws frame');
      expect(frame.event).toBe('acp.task.status');
    } finally {
      ws.close();
    }

    const c = await client(A);
    await c.write(request(A, 'GET', '/status'));
    expect((await c.response()).status).toBe(200);
    const key = Buffer.from('0123456789abcdef').toString('base64');
    await c.write(`GET /ws/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const switched = await c.head();
    expect(switched.statusLine).toBe('HTTP/1.1 101 Switching Protocols');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    expect(switched.headers['sec-websocket-accept']).toBe(accept);
    await post(A.base, '/tasks', { role: 'user', task_id: 'raw-ws' });
    await c.readThrough('"task_id":"raw-ws"');

    const refused = await client(A);
    await refused.write(`GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const r = await refused.response();
    expect(r.status).toBe(404);
    expect(r.headers['connection']).toBe('close');
    expect(bodyOf(r)).toEqual(NOT_FOUND);
    await refused.closed();

    const foreign = await client(A);
    await foreign.write(`GET /ws/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const f = await foreign.response();
    expect(f.status).toBe(403);
    expect(bodyOf(f).error_code).toBe('ERR_FORBIDDEN');
    await foreign.closed();
  });

  it('malformed requests get 400 with the ERR_INVALID_REQUEST envelope and a close; the server keeps serving', async () => {
    const A = await node();
    const port = A.plugin.httpPort;
    const malformed = [
      'GARBAGE\r\n\r\n',
      `GET /status HTTP/1.1\r\nHost 127.0.0.1:${port}\r\n\r\n`, // no colon
      `GET /status HTTP/1.1\r\nHost : 127.0.0.1:${port}\r\n\r\n`, // space before the colon
      `GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1x\r\n\r\n`,
      `GET /st atus HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    ];
    for (const bytes of malformed) {
      const c = await client(A);
      await c.write(bytes);
      const r = await c.response();
      expect(r.statusLine, bytes).toBe('HTTP/1.1 400 Bad Request');
      expectJsonHeaders(r, false);
      expect(bodyOf(r)).toMatchObject({ ok: false, error_code: 'ERR_INVALID_REQUEST' });
      expect(bodyOf(r).error).toMatch(/^malformed HTTP request \(HPE_[A-Z_]+\)$/);
      await c.closed();
    }
    // An HTTP/1.1 request without Host (RFC 9112 §3.2), in the same envelope.
    const hostless = await client(A);
    await hostless.write('GET /status HTTP/1.1\r\n\r\n');
    const noHost = await hostless.response();
    expect(noHost.status).toBe(400);
    expect(bodyOf(noHost)).toMatchObject({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: 'an HTTP/1.1 request needs a Host header' });
    expect(noHost.headers['connection']).toBe('close');
    await hostless.closed();
    // After lean requests on the same connection: the good answers first, then the 400.
    const c = await client(A);
    await c.write(request(A, 'GET', '/status') + request(A, 'GET', '/nope') + 'GARBAGE\r\n\r\n');
    expect((await c.response()).status).toBe(200);
    expect(bodyOf(await c.response())).toEqual(NOT_FOUND);
    const bad = await c.response();
    expect(bad.status).toBe(400);
    expect(bodyOf(bad).error_code).toBe('ERR_INVALID_REQUEST');
    await c.closed();
    const fresh = await client(A);
    await fresh.write(request(A, 'GET', '/status'));
    expect((await fresh.response()).status).toBe(200);
  });

  it('issue 9.7: two Host headers, LF-only requests, HTTP/0.9 and a TLS ClientHello get 400 and a close at once, on either path', async () => {
    const A = await node();
    const port = A.plugin.httpPort;
    const host = `Host: 127.0.0.1:${port}`;
    // The first bytes of a TLS 1.2 ClientHello (record type 0x16, version 3.1, a handshake of type 1).
    const clientHello = Buffer.from('160301003b010000370303' + '00'.repeat(32) + '000002002f0100', 'hex');
    const cases: (string | Buffer)[] = [
      `GET /status HTTP/1.1\r\n${host}\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET /status HTTP/1.1\r\nHost: example.com\r\n${host}\r\nConnection: close\r\n\r\n`,
      `POST /message:send HTTP/1.1\r\n${host}\r\n${host}\r\nContent-Length: 2\r\n\r\n{}`,
      `GET /status HTTP/1.1\n${host}\n\n`,
      `GET /status HTTP/1.1\r\n${host}\n\n`,
      'GET /status\r\n',
      'GET /status\n',
      'GET /status\r\n\r\n',
      clientHello,
    ];
    // On a fresh connection (the lean path sees the bytes first), and after one request that
    // node:http served (HTTP/1.0 is handed over, and node:http keeps the connection).
    for (const handedOver of [false, true]) {
      for (const bytes of cases) {
        // A bare HTTP/0.9 line on a connection node:http already owns waits for its header
        // timeout: llhttp reads it as a version-less request whose headers have yet to come.
        if (handedOver && (bytes === 'GET /status\r\n' || bytes === 'GET /status\n')) continue;
        const label = `${handedOver ? 'node:http' : 'lean'}: ${JSON.stringify(bytes.toString('latin1'))}`;
        const c = await client(A);
        if (handedOver) {
          await c.write(`GET /status HTTP/1.0\r\n${host}\r\nConnection: keep-alive\r\n\r\n`);
          expect((await c.response()).status).toBe(200);
        }
        await c.write(bytes);
        const r = await c.response();
        expect(r.status, label).toBe(400);
        expect(r.headers['connection'], label).toBe('close');
        expect(bodyOf(r), label).toMatchObject({ ok: false, error_code: 'ERR_INVALID_REQUEST' });
        await c.closed();
      }
    }
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
  });

  it('a request that does not fully arrive within requestTimeoutMs is answered 408 ERR_TIMEOUT and closed, on either path', async () => {
    const A = await node({ requestTimeoutMs: 300 });
    const cases = [
      request(A, 'GET', '/status').slice(0, 20), // a head cut short (lean path)
      request(A, 'POST', '/message:send', { role: 'user', parts: [{ type: 'text', content: 'hi' }] }).slice(0, -5), // a body cut short (lean path)
      `POST /message:send HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"rol`, // a chunked body cut short (node:http)
    ];
    for (const bytes of cases) {
      const c = await client(A);
      // One complete request first: the clock is per request, not per connection.
      await c.write(request(A, 'GET', '/status'));
      expect((await c.response()).status).toBe(200);
      const t0 = Date.now();
      await c.write(bytes);
      const r = await c.response();
      expect(r.status, bytes).toBe(408);
      expect(bodyOf(r)).toMatchObject({ ok: false, error_code: 'ERR_TIMEOUT' });
      expect(r.headers['connection']).toBe('close');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
      await c.closed();
    }
    // Nothing was sent on: the cut-short send never reached the queue.
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
  });

  it('limits: a head over 16 KiB is 431, a body over MAX_BODY_BYTES 413, a duplicate Content-Length 400', async () => {
    const A = await node();
    const big = await client(A);
    await big.write(request(A, 'GET', '/status', undefined, { 'X-Pad': 'a'.repeat(17 * 1024) }));
    const r431 = await big.response();
    expect(r431.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(bodyOf(r431)).toEqual({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: 'request headers too large' });
    await big.closed();

    // Just under the limit the lean path answers it.
    const under = await client(A);
    await under.write(request(A, 'GET', '/status', undefined, { 'X-Pad': 'a'.repeat(15 * 1024) }));
    const r200 = await under.response();
    expect(r200.status).toBe(200);
    expectJsonHeaders(r200, true);

    const huge = await client(A);
    await huge.write(`POST /message:send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{"role":"user",`);
    const r413 = await huge.response();
    expect(r413.status).toBe(413);
    expect(r413.headers['connection']).toBe('close');
    expect(bodyOf(r413)).toMatchObject({ ok: false, error_code: 'ERR_MSG_TOO_LARGE' });
    expect(bodyOf(r413).error).toContain(String(MAX_BODY_BYTES));
    await huge.closed();

    // A body of exactly MAX_BODY_BYTES is read whole and reaches the route.
    const exact = await client(A);
    const prefix = '{"skill_id":"x","pad":"';
    const full = `${prefix}${'p'.repeat(MAX_BODY_BYTES - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(full)).toBe(MAX_BODY_BYTES);
    await exact.write(request(A, 'POST', '/skills/query', full) + request(A, 'GET', '/status'));
    const atLimit = await exact.response();
    expect(atLimit.status).toBe(200);
    expect(bodyOf(atLimit).support_level).toBe('unsupported');
    expect((await exact.response()).status).toBe(200);

    for (const [first, second] of [['2', '2'], ['2', '3']]) {
      const dup = await client(A);
      await dup.write(`POST /skills/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${first}\r\nContent-Length: ${second}\r\n\r\n{}`);
      const r = await dup.response();
      expect(r.status).toBe(400);
      expect(bodyOf(r).error_code).toBe('ERR_INVALID_REQUEST');
      await dup.closed();
    }
    expect((await get(A.base, '/offline-queue')).body.total_queued).toBe(0);
  });

  it('HEAD, HTTP/1.0 and methods the lean path does not know are answered by node:http', async () => {
    const A = await node();
    const c = await client(A);
    await c.write(`HEAD /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const head = await c.response(true);
    expect(head.status).toBe(404); // no HEAD route: the 404 envelope's head, without its body
    expect(Number(head.headers['content-length'])).toBe(JSON.stringify(NOT_FOUND).length);
    expect(c.pending).toBe(0);
    await c.write(request(A, 'GET', '/status'));
    const after = await c.response();
    expect(after.status).toBe(200);
    expect(bodyOf(after).agent_name).toBe('Node');

    const old = await client(A);
    await old.write('GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n');
    const r10 = await old.response();
    expect(r10.status).toBe(200);
    expect(r10.headers['connection']).toBe('close');
    expect(bodyOf(r10).agent_name).toBe('Node');
    await old.closed();

    const other = await client(A);
    await other.write('PROPFIND /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' + request(A, 'GET', '/status'));
    const pf = await other.response();
    expect(pf.status).toBe(404);
    expect(bodyOf(pf)).toEqual(NOT_FOUND);
    expect((await other.response()).status).toBe(200);
  });

  it('Origin and Host checks apply on the lean path; OPTIONS preflight answers 200 with the CORS headers', async () => {
    const A = await node({ allowedOrigins: ['http://localhost:3000'] });
    const c = await client(A);
    await c.write(
      request(A, 'POST', '/message:send', { role: 'user', text: 'x' }, { Origin: 'https://evil.example' })
      + request(A, 'GET', '/status', undefined, { Origin: 'http://localhost:3000' })
      + `GET /status HTTP/1.1\r\nHost: evil.example:80\r\n\r\n`
      + request(A, 'OPTIONS', '/message:send', undefined, { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' })
      + request(A, 'GET', '/offline-queue'),
    );
    const origin = await c.response();
    expect(origin.status).toBe(403);
    expectJsonHeaders(origin, true);
    expect(bodyOf(origin)).toEqual({ ok: false, error_code: 'ERR_FORBIDDEN', error: "origin 'https://evil.example' is not allowed" });
    expect((await c.response()).status).toBe(200);
    const host = await c.response();
    expect(host.status).toBe(403);
    expect(bodyOf(host)).toEqual({ ok: false, error_code: 'ERR_FORBIDDEN', error: "host 'evil.example:80' is not allowed" });
    const preflight = await c.response();
    expect(preflight.statusLine).toBe('HTTP/1.1 200 OK');
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST,DELETE,PATCH,OPTIONS',
      'access-control-allow-headers': 'Content-Type',
      'content-length': '0',
      connection: 'keep-alive',
    });
    expect(preflight.body).toBe('');
    // the refused send queued nothing
    expect(bodyOf(await c.response()).total_queued).toBe(0);

    // node:http's preflight (reached through a chunked OPTIONS) carries the same headers.
    await c.write(`OPTIONS /message:send HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
    const viaNode = await c.response();
    expect(viaNode.status).toBe(200);
    expect(names(viaNode)).toEqual(names(preflight));
    expect(viaNode.lines.filter((l) => !l.startsWith('Date:'))).toEqual(preflight.lines.filter((l) => !l.startsWith('Date:')));
  });

  it('back-pressure: 2,000 pipelined requests from a client that does not read are all answered, in order, once it reads', async () => {
    // A card of some kilobytes so 2,000 answers overflow what the kernel buffers on loopback.
    const skills = Array.from({ length: 40 }, (_, i) => `skill-number-${i}-with-a-rather-long-identifier-to-grow-the-card`);
    const A = await node({ skills });
    const c = await client(A);
    c.socket.pause();
    const total = 2_000;
    const paths = Array.from({ length: total }, (_, i) => (i % 100 === 99 ? `/peer/marker-${i}` : '/.well-known/acp.json'));
    await c.write(paths.map((p) => request(A, 'GET', p)).join(''));

    // The server stops reading that connection with a bounded backlog, and keeps serving others.
    const serverSide = serverSocketOf(A, c.socket.localPort ?? 0);
    await until(() => serverSide.isPaused(), WAIT_MS, 'the server to pause the connection');
    expect(serverSide.writableLength).toBeGreaterThan(1024 * 1024);
    expect(serverSide.writableLength).toBeLessThan(1024 * 1024 + 64 * 1024);
    expect((await get(A.base, '/status')).status).toBe(200);

    c.socket.resume();
    let cards = 0;
    for (let i = 0; i < total; i++) {
      const r = await c.response();
      if (i % 100 === 99) {
        expect(r.status).toBe(404);
        expect(bodyOf(r).error).toBe(`peer 'marker-${i}' not found`);
      } else {
        expect(r.status).toBe(200);
        if (bodyOf(r).self.skills.length === 40) cards++;
      }
    }
    expect(cards).toBe(total - total / 100);
    expect(c.pending).toBe(0);
    await c.write(request(A, 'GET', '/status'));
    expect((await c.response()).status).toBe(200);
    expect(serverSide.isPaused()).toBe(false);
  });

  it('while an answer is pending, a client streaming more requests is paused with a bounded backlog, then served in order', async () => {
    const A = await node();
    await post(A.base, '/tasks', { role: 'user', task_id: 'slow' });
    const c = await client(A);
    const prefix = '{"skill_id":"x","pad":"';
    const big = `${prefix}${'p'.repeat(1024 * 1024)}"}`;
    const count = 8;
    const tail = Array.from({ length: count }, () => request(A, 'POST', '/skills/query', big)).join('');
    const wait = request(A, 'GET', '/tasks/slow/wait?timeout=10');
    const written = c.write(wait + tail);
    const serverSide = serverSocketOf(A, c.socket.localPort ?? 0);
    // Unread requests behind the pending one may not pile up in memory without bound.
    await until(() => serverSide.isPaused(), WAIT_MS, 'the server to stop reading');
    expect(serverSide.bytesRead).toBeLessThan(16 * 1024 + MAX_BODY_BYTES + 1024 * 1024);
    expect(c.received).toBe(0);
    expect((await post(A.base, '/tasks/slow/update', { status: 'completed' })).status).toBe(200);
    const waited = await c.response();
    expect(bodyOf(waited)).toMatchObject({ waited: true, task: { id: 'slow', status: 'completed' } });
    for (let i = 0; i < count; i++) expect(bodyOf(await c.response()).support_level).toBe('unsupported');
    await written;
    expect(serverSide.bytesRead).toBe(Buffer.byteLength(wait + tail));
    expect(c.pending).toBe(0);
  });
});

/** The server's end of a client connection (white-box: to see the lean path pause it). */
function serverSocketOf(n: TestNode, clientPort: number): Socket {
  const sockets = (n.plugin.node as any).api.sockets as Set<Socket>;
  const found = [...sockets].find((s) => s.remotePort === clientPort);
  if (!found) throw new Error('server socket not found');
  return found;
}

