// Relay plugin throughput and latency: POST /message:send on node A -> peer WebSocket -> SSE
// /stream on node B, measured from the client (send time -> the event's arrival on B's stream).
// A and B run in their own processes (as two relays would); the client is this process.
// Phases: one sequential sender, then 8 concurrent senders; the raw `ws` round trip between this
// process and B's process is measured in the same run as the floor.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { createSystem, memoryStore } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';
import { percentile, result, round, smoke } from './bench-kit.mjs';

const here = fileURLToPath(import.meta.url);

/** Read and write system calls this process has made so far (Linux; zeros elsewhere). */
function syscalls() {
  try {
    const text = readFileSync('/proc/self/io', 'utf8');
    return { r: Number(/syscr: (\d+)/.exec(text)?.[1] ?? 0), w: Number(/syscw: (\d+)/.exec(text)?.[1] ?? 0) };
  } catch {
    return { r: 0, w: 0 };
  }
}

// ---- child mode: one relay node (plus, on B, a raw ws echo server for the floor) -------------
if (process.argv[2] === '--child') {
  const name = process.argv[3];
  // RELAY_BENCH_STORE=lmdb measures with the durable store the CLI uses with --data.
  const dir = process.env.RELAY_BENCH_STORE === 'lmdb' ? mkdtempSync(join(tmpdir(), `relay-bench-${name}-`)) : undefined;
  const store = dir ? (await import('@troupe/store-lmdb')).lmdbStore({ path: dir }) : memoryStore();
  const system = await createSystem({ store });
  const plugin = relay({ name, port: 0, httpPort: 0 });
  await system.startPlugins([plugin]);
  let echoPort = 0;
  if (name === 'B') {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise((r) => wss.on('listening', r));
    wss.on('connection', (ws) => ws.on('message', (d) => ws.send(d, { binary: false })));
    echoPort = wss.address().port;
  }
  process.send({ link: plugin.link, http: plugin.httpPort, echoPort });
  process.on('message', async (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage(), io: syscalls() });
    if (m === 'stop') {
      await system.shutdown({ deadlineMs: 0 });
      if (dir) rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  await new Promise(() => {});
}

// ---- parent: the client -----------------------------------------------------------------------
const N = smoke ? 200 : Number(process.env.RELAY_BENCH_N ?? 10_000);
const CONCURRENCY = 8;

/**
 * Node flags of the two relay processes: RELAY_BENCH_NODE_ARGS (space-separated, e.g. a GC
 * setting to compare), plus a CPU profile per process with RELAY_BENCH_PROF=<dir>.
 */
function nodeArgs() {
  const extra = (process.env.RELAY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const prof = process.env.RELAY_BENCH_PROF;
  return prof ? [...extra, '--cpu-prof', `--cpu-prof-dir=${prof}`] : extra;
}

function child(name) {
  const proc = fork(here, ['--child', name], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: nodeArgs() });
  return new Promise((resolve, reject) => {
    proc.once('message', (info) => resolve({ proc, ...info }));
    proc.once('exit', (code) => reject(new Error(`child ${name} exited with ${code}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
function post(port, path, body) {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(data) : reject(new Error(`POST ${path} -> ${res.statusCode} ${data}`))));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** Subscribes to B's SSE stream; calls `onMessage(id)` for every message event. */
function subscribe(port, onMessage) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/stream' }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) !== -1) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const at = block.indexOf('"message_id":"');
          if (at === -1 || !block.includes('"type":"message"')) continue;
          const from = at + 14;
          onMessage(block.slice(from, block.indexOf('"', from)));
        }
      });
      resolve(() => req.destroy());
    });
    req.end();
  });
}

const [A, B] = await Promise.all([child('A'), child('B')]);
await post(B.http, '/peers/connect', { link: A.link });
// wait for the connection (B dials A; A sends to its single peer)
for (let i = 0; i < 500; i++) {
  const ok = await new Promise((resolve) => {
    request({ host: '127.0.0.1', port: A.http, path: '/status', agent }, (res) => {
      let d = '';
      res.on('data', (c) => (d += c));
      res.on('end', () => resolve(JSON.parse(d).peer_count === 1));
    }).end();
  });
  if (ok) break;
  await new Promise((r) => setTimeout(r, 10));
}

const waiters = new Map();
const unsubscribe = await subscribe(B.http, (id) => {
  const w = waiters.get(id);
  if (w) {
    waiters.delete(id);
    w();
  }
});

/**
 * A minimal keep-alive HTTP/1.1 client over one TCP connection, one request in flight: the bench
 * client must cost less than the node it measures (node's http client costs ~60 µs a request).
 */
function rawClient(port) {
  const sock = connect(port, '127.0.0.1');
  sock.setNoDelay(true);
  let buf = '';
  let pending = null;
  sock.setEncoding('latin1');
  sock.on('data', (chunk) => {
    buf += chunk;
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head === -1) return;
      const m = /content-length: (\d+)/i.exec(buf.slice(0, head));
      const len = m ? Number(m[1]) : 0;
      if (buf.length < head + 4 + len) return;
      const status = Number(buf.slice(9, 12));
      const body = buf.slice(head + 4, head + 4 + len);
      buf = buf.slice(head + 4 + len);
      const p = pending;
      pending = null;
      if (status !== 200) p.reject(new Error(`status ${status}: ${body}`));
      else p.resolve(body);
    }
  });
  const ready = new Promise((r) => sock.once('connect', r));
  return {
    ready,
    post(path, text) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        sock.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      });
    },
    close: () => sock.destroy(),
  };
}

/**
 * Sends one message; resolves with its latency (send -> arrival on B's stream). With
 * `waitDelivery` the promise settles on arrival; without, it settles on A's HTTP answer and
 * `arrived` (pushed to `deliveries`) carries the latency.
 */
async function sendOne(client, id, waitDelivery, deliveries) {
  const t0 = performance.now();
  const arrived = new Promise((r) => waiters.set(id, r)).then(() => performance.now() - t0);
  await client.post('/message:send', `{"role":"user","message_id":"${id}","parts":[{"type":"text","content":"bench message ${id}"}]}`);
  if (waitDelivery) return arrived;
  deliveries.push(arrived);
  return undefined;
}

/**
 * `senders` clients share `count` messages. Closed loop (default): a sender sends its next message
 * once the previous one has arrived on B's stream, so at most `senders` are in flight. Open loop
 * (`waitDelivery: false`): a sender only waits for A's HTTP answer, as a plain HTTP client would;
 * the phase ends when every message has arrived.
 */
async function phase(label, senders, count, waitDelivery = true) {
  let lat = [];
  const deliveries = [];
  let next = 0;
  const clients = Array.from({ length: senders }, () => rawClient(A.http));
  await Promise.all(clients.map((c) => c.ready));
  const t0 = performance.now();
  await Promise.all(clients.map(async (client) => {
    while (next < count) {
      const i = next++;
      const ms = await sendOne(client, `${label}-${i}`, waitDelivery, deliveries);
      if (ms !== undefined) lat.push(ms);
    }
  }));
  if (!waitDelivery) lat = await Promise.all(deliveries);
  const secs = (performance.now() - t0) / 1000;
  for (const c of clients) c.close();
  return { rate: count / secs, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

// warm-up, then the measured phases
await phase('warm', CONCURRENCY, smoke ? 50 : 1_000);
/** CPU time (µs) a child has used so far. */
function cpuOf(c) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && m.cpu) {
        c.proc.off('message', on);
        resolve({ cpu: m.cpu.user + m.cpu.system, io: m.io });
      }
    };
    c.proc.on('message', on);
    c.proc.send('cpu');
  });
}
const seq = process.env.RELAY_BENCH_SKIP_SEQ ? { rate: 0, p50: 0, p99: 0 } : await phase('seq', 1, N);
const [cpuA0, cpuB0] = await Promise.all([cpuOf(A), cpuOf(B)]);
const cpuC0 = process.cpuUsage();
const ioC0 = syscalls();
const conc = await phase('conc', CONCURRENCY, N);
const cpuC = process.cpuUsage(cpuC0);
const ioC1 = syscalls();
const [cpuA1, cpuB1] = await Promise.all([cpuOf(A), cpuOf(B)]);
const open = await phase('open', CONCURRENCY, N, false);

// raw ws round trip (this process <-> B's process), the floor
const ws = new WebSocket(`ws://127.0.0.1:${B.echoPort}`, { perMessageDeflate: false });
await new Promise((r) => ws.on('open', r));
const rtt = [];
const frame = JSON.stringify({ type: 'acp.message', message_id: 'x', parts: [{ type: 'text', content: 'bench message' }] });
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  await new Promise((r) => {
    ws.once('message', r);
    ws.send(frame);
  });
  rtt.push(performance.now() - t0);
}
ws.close();

unsubscribe();
A.proc.send('stop');
B.proc.send('stop');
agent.destroy();

const bench = 'relay: /message:send A -> ws -> SSE B';
result({ bench, metric: `sequential msgs/s (n=${N})`, value: round(seq.rate), unit: 'msg/s', anchor: 'upstream 234-479', ratio: round(seq.rate / 479, 1) });
result({ bench, metric: 'sequential p50', value: round(seq.p50, 3), unit: 'ms', anchor: 'upstream 1.9-3.6 ms', target: '<= 0.5 ms', met: seq.p50 <= 0.5 });
result({ bench, metric: 'sequential p99', value: round(seq.p99, 3), unit: 'ms', anchor: 'upstream 7-13 ms' });
result({ bench, metric: `8 senders msgs/s (n=${N})`, value: round(conc.rate), unit: 'msg/s', anchor: 'upstream 153-431', ratio: round(conc.rate / 431, 1), target: '>= 10,000', met: conc.rate >= 10_000 });
result({ bench, metric: '8 senders p50', value: round(conc.p50, 3), unit: 'ms', anchor: 'upstream 12-28 ms' });
result({ bench, metric: '8 senders p99', value: round(conc.p99, 3), unit: 'ms', anchor: 'upstream 26 ms - 1.04 s' });
result({ bench, metric: `8 senders, open loop (each waits for its HTTP answer only) msgs/s (n=${N})`, value: round(open.rate), unit: 'msg/s', anchor: 'upstream 153-431', ratio: round(open.rate / 431, 1) });
result({ bench, metric: '8 senders, open loop p50 / p99', value: `${round(open.p50, 3)} / ${round(open.p99, 3)}`, unit: 'ms' });
result({ bench, metric: 'node A CPU per message (8 senders)', value: round((cpuA1.cpu - cpuA0.cpu) / N, 1), unit: 'µs' });
result({ bench, metric: 'node B CPU per message (8 senders)', value: round((cpuB1.cpu - cpuB0.cpu) / N, 1), unit: 'µs' });
result({ bench, metric: 'bench client CPU per message (8 senders)', value: round((cpuC.user + cpuC.system) / N, 1), unit: 'µs' });
const perMsg = (a, b) => `${round((b.r - a.r) / N, 2)} reads, ${round((b.w - a.w) / N, 2)} writes`;
result({ bench, metric: 'system calls per message (8 senders): A / B / client', value: `${perMsg(cpuA0.io, cpuA1.io)} / ${perMsg(cpuB0.io, cpuB1.io)} / ${perMsg(ioC0, ioC1)}` });
result({ bench, metric: 'raw ws round trip p50 (floor)', value: round(percentile(rtt, 50), 3), unit: 'ms' });
result({ bench, metric: 'raw ws round trip p99 (floor)', value: round(percentile(rtt, 99), 3), unit: 'ms' });
process.exit(0);
