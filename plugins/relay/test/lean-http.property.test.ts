/**
 * Differential property test of the lean path's request-head parser against node:http's own
 * (llhttp, strict mode): 14,000 generated and mutated heads. Whatever the lean parser takes,
 * node:http must take too and read the same method, target, Host, Origin, body length and
 * keep-alive; the lean parser never throws. (Heads it refuses go to node:http anyway.) And
 * whatever incomplete head the lean path hands over early, node:http refuses without waiting.
 */
import fc from 'fast-check';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { afterAll, expect, test } from 'vitest';
import { earlyVerdict, parseHead } from '../src/http/lean-http.js';

type NodeParse =
  | { ok: true; method: string; url: string; headers: IncomingMessage['headers']; keepAlive: boolean }
  | { ok: false };

const server = createServer();
server.on('clientError', (_error, socket) => {
  refusedAtOnce.add(socket);
  socket.destroy();
});
/** Connections node:http refused (its 'clientError'), for the incomplete-head property. */
const refusedAtOnce = new WeakSet<object>();
afterAll(() => server.close());

/** node:http's reading of a request, through an in-memory connection (its documented 'connection' event). */
function parseWithNode(bytes: Buffer): Promise<NodeParse> {
  return new Promise((resolve) => {
    const socket = new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      if (req.socket !== socket) return;
      server.off('request', onRequest);
      resolve({ ok: true, method: req.method ?? '', url: req.url ?? '', headers: req.headers, keepAlive: res.shouldKeepAlive });
      req.resume();
      socket.destroy();
    };
    server.on('request', onRequest);
    socket.once('close', () => {
      server.off('request', onRequest);
      resolve({ ok: false });
    });
    server.emit('connection', socket);
    socket.push(bytes);
    socket.push(null);
  });
}

const LEAN_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const OTHER_METHODS = ['HEAD', 'PROPFIND', 'get', 'P0ST'];
const LEAN_TARGETS = ['/', '/status', '/message:send', '/tasks/t1:cancel', '/a?b=1&c=%20', '/peer/p%2F1/send'];
const OTHER_TARGETS = ['/x y', '*', 'http://h/x', '/\u00e9', '/\t'];
const OTHER_VERSIONS = ['HTTP/1.0', 'HTTP/2', 'http/1.1', 'HTTP/1.1 '];
const HOSTS = ['127.0.0.1:7901', 'localhost', '[::1]:7901', 'example.com', '127.0.0.1\u00a0', ''];
/** Header lines a lean request may carry, and values that should make it go to node:http. */
const HEADERS: readonly (readonly [string, readonly string[]])[] = [
  ['Origin', ['http://localhost:3000', 'null', '']],
  ['Content-Length', ['0', '5', '12', '5', '12', 'abc', '-1', ' 5 ', '1e3', '05', '5, 5']],
  ['Connection', ['close', 'keep-alive', 'Close', 'keep-alive, close', 'TE', 'Upgrade']],
  ['Content-Type', ['application/json', 'text/plain; charset=utf-8']],
  ['X-Custom', ['a\tb', '\u00fc', '', ' spaced ', 'a:b']],
  ['Transfer-Encoding', ['chunked', 'identity']],
  ['Expect', ['100-continue']],
  ['Upgrade', ['websocket']],
  ['host', ['127.0.0.1']],
  ['content-length', ['5']],
];

/** Mostly what the lean path takes, with one in eight parts drawn from what it must refuse. */
const pick = (usual: readonly string[], other: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 7 }, { arbitrary: fc.constantFrom(...other), weight: 1 });
const header = fc.constantFrom(...HEADERS).chain(([name, values]) => fc.constantFrom(...values).map((v) => `${name}: ${v}`));
const cleanHead = fc
  .tuple(
    pick(LEAN_METHODS, OTHER_METHODS),
    pick(LEAN_TARGETS, OTHER_TARGETS),
    pick(['HTTP/1.1'], OTHER_VERSIONS),
    fc.option(fc.constantFrom(...HOSTS), { freq: 8 }),
    fc.array(header, { maxLength: 3 }),
  )
  .map(([m, t, v, host, hs]) => [`${m} ${t} ${v}`, ...(host === null ? [] : [`Host: ${host}`]), ...hs].join('\r\n'));
const ALPHABET = ['\r', '\n', ' ', '\t', ':', '\0', 'a', 'A', '-', '1', '\x7f', '\u00e9', '\u00a0', '"', '/', ','];

const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), insert: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 3 }) });
const mutatedHead = fc.tuple(cleanHead, fc.array(edit, { minLength: 1, maxLength: 2 })).map(([head, edits]) => {
  let s = head;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    s = s.slice(0, at) + e.insert.join('') + s.slice(at + e.cut);
  }
  return s;
});

/** Heads both parsers read (and were compared on). */
let compared = 0;

async function agrees(raw: string): Promise<void> {
  // The lean path sees the head up to the first blank line.
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const lean = parseHead(head, Buffer.byteLength(head, 'latin1') + 4);
  if (lean === undefined || lean.length > 64) return;
  const bytes = Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), Buffer.alloc(lean.length, 0x78)]);
  const node = await parseWithNode(bytes);
  compared += 1;
  expect(node.ok, `node:http refused a head the lean path took: ${JSON.stringify(head)}`).toBe(true);
  if (!node.ok) return;
  const seen = { method: node.method, url: node.url, host: node.headers.host, origin: node.headers.origin, length: Number(node.headers['content-length'] ?? 0), keepAlive: node.keepAlive };
  const mine = { method: lean.method, url: lean.url, host: lean.headers['host'], origin: lean.headers['origin'], length: lean.length, keepAlive: lean.keepAlive };
  expect(mine, JSON.stringify(head)).toEqual(seen);
}

test('lean head parser agrees with node:http on 4,000 generated heads', async () => {
  const before = compared;
  await fc.assert(fc.asyncProperty(cleanHead, agrees), { numRuns: 4_000 });
  expect(compared - before).toBeGreaterThan(400); // the generator must reach the accepting side, not only refusals
});

test('lean head parser agrees with node:http on 10,000 mutated heads and never throws', async () => {
  const before = compared;
  await fc.assert(fc.asyncProperty(mutatedHead, agrees), { numRuns: 10_000 });
  expect(compared - before).toBeGreaterThan(400); // mutations must leave many heads the lean path takes
});

test('issue 9.7: a Content-Length with a tab after its digits, and a Connection value with a tab, are left to node:http (found by the mutated-heads property)', async () => {
  for (const value of ['12\t', '12 \t', '12\t ', '\t12', ' 12 ']) await agrees(`GET / HTTP/1.1\r\nHost: example.com\r\nContent-Length:${value}`);
  for (const value of ['close\t', 'TE, close\t', 'close\t,TE', '\tclose', 'close ']) await agrees(`GET / HTTP/1.1\r\nHost: example.com\r\nConnection:${value}`);
  expect(parseHead('GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 12\t', 40)).toBeUndefined();
  expect(parseHead('GET / HTTP/1.1\r\nHost: x\r\nContent-Length:\t12 ', 40)?.length).toBe(12);
});

/**
 * Whether node:http refuses `bytes` (an incomplete head, the connection left open) without
 * waiting for more: its parser runs on the pushed bytes before a few event-loop turns pass.
 */
async function nodeRefusesAtOnce(bytes: Buffer): Promise<boolean> {
  const socket = new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });
  let requested = false;
  const onRequest = (req: IncomingMessage): void => {
    if (req.socket === socket) requested = true;
  };
  server.on('request', onRequest);
  server.emit('connection', socket);
  socket.push(bytes);
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  server.off('request', onRequest);
  const refused = refusedAtOnce.has(socket);
  socket.destroy();
  return refused && !requested;
}

test('issue 9.7: whenever the lean path hands an incomplete head to node:http, node:http refuses it at once (3,000 prefixes of mutated heads)', async () => {
  let handedOff = 0;
  const prefix = fc.tuple(mutatedHead, fc.nat()).map(([head, cut]) => {
    const end = head.indexOf('\r\n\r\n');
    const open = end === -1 ? head : head.slice(0, end + 2); // never a complete head
    return open.slice(0, 1 + (cut % Math.max(1, open.length)));
  });
  await fc.assert(fc.asyncProperty(fc.oneof(prefix, fc.constantFrom('GET /status\n', 'GET / HTTP/1.1\n', '\r\nget / HTTP/1.1\r\n', '\x16\x03\x01', 'get / HTTP/1.1\r\n', 'GET / HTTP/1.1\r\nHost: x\n')), async (text) => {
    const bytes = Buffer.from(text, 'latin1');
    if (earlyVerdict(bytes, bytes.length) !== 'hand-off') return;
    handedOff += 1;
    expect(await nodeRefusesAtOnce(bytes), JSON.stringify(text)).toBe(true);
  }), { numRuns: 3_000 });
  expect(handedOff).toBeGreaterThan(100);
});

test('whitespace around field values is only space and tab (RFC 9110 §5.5), as llhttp reads it', async () => {
  for (const raw of ['GET / HTTP/1.1\r\nHost: 127.0.0.1\u00a0', 'GET / HTTP/1.1\r\nHost:\u00a0127.0.0.1', 'GET / HTTP/1.1\r\nHost: \t127.0.0.1 \t']) await agrees(raw);
});
