// Relay /stream fan-out memory: 500 SSE subscribers on one node, 10,000 inbound messages from a
// peer, each event delivered to every subscriber. Measures the node's peak RSS (VmHWM) and its RSS
// once every subscriber has gone (issue 9.4: peak <= 512 MB, back near the baseline after).
// The node runs in its own process; this process is the peer and all the subscribers. The peer
// stays at most WINDOW messages ahead of the slowest subscriber, as a live feed would, so what is
// measured is the cost of the fan-out itself, not of a reader that has stopped reading (that one
// is cut off at the node's backlog bound, which tests cover).
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createSystem, memoryStore } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';
import { result, round, smoke } from './bench-kit.mjs';

const here = fileURLToPath(import.meta.url);

/** Resident set size now and at its peak (Linux /proc; process.memoryUsage elsewhere). */
function memory() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    const rss = process.memoryUsage().rss;
    return { rss, peak: rss };
  }
}

// ---- child mode: the relay node under measurement ---------------------------------------------
if (process.argv[2] === '--child') {
  const system = await createSystem({ store: memoryStore() });
  const plugin = relay({ name: 'Fanout', port: 0, httpPort: 0 });
  await system.startPlugins([plugin]);
  process.send({ link: plugin.link, http: plugin.httpPort });
  process.on('message', async (m) => {
    if (m === 'mem') process.send({ mem: memory() });
    if (m === 'gc') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ gc: true });
    }
    if (m === 'stop') {
      await system.shutdown({ deadlineMs: 0 });
      process.exit(0);
    }
  });
  await new Promise(() => {});
}

// ---- parent: the peer and the subscribers -------------------------------------------------------
const SUBSCRIBERS = smoke ? 20 : Number(process.env.FANOUT_SUBSCRIBERS ?? 500);
const MESSAGES = smoke ? 200 : Number(process.env.FANOUT_MESSAGES ?? 10_000);
const WINDOW = 2_000;

const node = fork(here, ['--child'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
const info = await new Promise((resolve, reject) => {
  node.once('message', resolve);
  node.once('exit', (code) => reject(new Error(`relay node exited with ${code}`)));
});
function ask(what, key) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && m[key] !== undefined) {
        node.off('message', on);
        resolve(m[key]);
      }
    };
    node.on('message', on);
    node.send(what);
  });
}
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

await ask('gc', 'gc');
const baseline = await ask('mem', 'mem');

/** One raw SSE subscriber counting the message events it has read. */
function subscriber(port) {
  const sock = connect(port, '127.0.0.1');
  sock.setEncoding('latin1');
  const sub = { count: 0, bytes: 0, sock, closed: new Promise((r) => sock.once('close', r)) };
  const token = '"type":"message"';
  let carry = '';
  sock.on('data', (chunk) => {
    sub.bytes += chunk.length;
    const text = carry + chunk;
    let at = text.indexOf(token);
    while (at !== -1) {
      sub.count += 1;
      at = text.indexOf(token, at + token.length);
    }
    carry = text.slice(-(token.length - 1));
  });
  sock.on('error', () => undefined);
  sock.write('GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  return sub;
}

// Connected 50 at a time, each batch answered before the next: 500 connects at once overflow a
// small kernel accept queue (somaxconn), and the refused ones only come back seconds later.
const subs = [];
while (subs.length < SUBSCRIBERS) {
  const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - subs.length) }, () => subscriber(info.http));
  subs.push(...batch);
  while (batch.some((s) => !s.bytes)) await settle(5);
}
// A subscriber the node cut off no longer holds the feed back (it shows in the delivered count).
const slowest = () => subs.reduce((min, s) => (s.sock.destroyed ? min : Math.min(min, s.count)), MESSAGES);

const link = /^acp:\/\/([^/]+)\/(.+)$/.exec(info.link);
const peer = new WebSocket(`ws://${link[1]}/${link[2]}`, { perMessageDeflate: false });
await new Promise((r, j) => {
  peer.once('open', r);
  peer.once('error', j);
});

const t0 = performance.now();
for (let i = 0; i < MESSAGES; i += 1) {
  while (i - slowest() >= WINDOW) await settle(2);
  peer.send(`{"type":"acp.message","message_id":"fan-${i}","ts":"2026-12-05T10:00:00.000000Z","from":"bench","role":"user","parts":[{"type":"text","content":"fan-out message ${i} with a little text to carry"}]}`);
  if (i % 100 === 99) await new Promise((r) => setImmediate(r));
}
const deadline = Date.now() + (smoke ? 30_000 : Number(process.env.FANOUT_DEADLINE_MS ?? 300_000));
while (slowest() < MESSAGES && Date.now() < deadline) await settle(10);
const secs = (performance.now() - t0) / 1000;
const delivered = subs.reduce((n, s) => n + Math.min(s.count, MESSAGES), 0);
const during = await ask('mem', 'mem');

for (const s of subs) s.sock.destroy();
await Promise.all(subs.map((s) => s.closed));
peer.close();
await settle(500);
await ask('gc', 'gc');
await settle(200);
const after = await ask('mem', 'mem');
node.send('stop');

const MB = 1024 * 1024;
const bench = `relay: /stream fan-out, ${SUBSCRIBERS} subscribers x ${MESSAGES} messages`;
result({ bench, metric: 'events delivered', value: delivered, unit: 'events', target: `${SUBSCRIBERS * MESSAGES}`, met: delivered === SUBSCRIBERS * MESSAGES });
result({ bench, metric: 'delivery rate', value: round(delivered / secs), unit: 'events/s' });
result({ bench, metric: 'node RSS baseline (before subscribers)', value: round(baseline.rss / MB, 1), unit: 'MB' });
result({ bench, metric: 'node peak RSS (VmHWM)', value: round(during.peak / MB, 1), unit: 'MB', target: '<= 512 MB', met: during.peak <= 512 * MB });
result({ bench, metric: 'node RSS after every subscriber closed (after GC)', value: round(after.rss / MB, 1), unit: 'MB', target: 'near baseline', met: after.rss <= baseline.rss + 64 * MB });
