// Relay memory under large frames: one peer sends 1 MB acp.message frames to a node with a
// durable lmdb store (as `troupe relay --data` runs). Measures the node's RSS as frames arrive
// and the size of its store on disk (issue 9.4: bounded in bytes, a plateau instead of
// ~2.9 MB per frame).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createSystem } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';
import { relay } from '@troupe/plugin-relay';
import { result, round, smoke } from './bench-kit.mjs';

const here = fileURLToPath(import.meta.url);

function rss() {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return process.memoryUsage().rss;
  }
}

// ---- child mode: the relay node under measurement ---------------------------------------------
if (process.argv[2] === '--child') {
  const system = await createSystem({ store: lmdbStore({ path: process.argv[3] }) });
  const plugin = relay({ name: 'Large', port: 0, httpPort: 0 });
  await system.startPlugins([plugin]);
  process.send({ link: plugin.link, http: plugin.httpPort });
  process.on('message', async (m) => {
    if (m === 'status') process.send({ rss: rss(), received: plugin.node.counters.received });
    if (m === 'stop') {
      await system.shutdown({ deadlineMs: 0 });
      process.exit(0);
    }
  });
  await new Promise(() => {});
}

// ---- parent: the peer ----------------------------------------------------------------------------
const FRAMES = smoke ? 20 : Number(process.env.LARGE_FRAMES ?? 900);
const dir = mkdtempSync(join(tmpdir(), 'relay-large-'));
const node = fork(here, ['--child', dir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const info = await new Promise((resolve, reject) => {
  node.once('message', resolve);
  node.once('exit', (code) => reject(new Error(`relay node exited with ${code}`)));
});
const status = () => new Promise((resolve) => {
  const on = (m) => {
    if (m && m.rss !== undefined) {
      node.off('message', on);
      resolve(m);
    }
  };
  node.on('message', on);
  node.send('status');
});
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const diskBytes = () => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

const link = /^acp:\/\/([^/]+)\/(.+)$/.exec(info.link);
const peer = new WebSocket(`ws://${link[1]}/${link[2]}`, { perMessageDeflate: false, maxPayload: 2 * 1024 * 1024 });
await new Promise((r, j) => {
  peer.once('open', r);
  peer.once('error', j);
});
const content = 'x'.repeat(1_000_000);
const baseline = (await status()).rss;
let peak = baseline;
const samples = [];
for (let i = 0; i < FRAMES; i += 1) {
  peer.send(`{"type":"acp.message","message_id":"large-${i}","from":"bench","role":"user","parts":[{"type":"text","content":"${content}"}]}`);
  // One frame in flight at a time beyond a few: the node's pace, not the socket's buffer, is measured.
  if (i % 10 === 9) {
    for (;;) {
      const s = await status();
      peak = Math.max(peak, s.rss);
      if (s.received >= i - 2) break;
      await settle(5);
    }
    samples.push({ frames: i + 1, rss: (await status()).rss });
  }
}
let last;
for (;;) {
  last = await status();
  peak = Math.max(peak, last.rss);
  if (last.received >= FRAMES) break;
  await settle(10);
}
peer.close();
const disk = diskBytes();
node.send('stop');
await new Promise((r) => node.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const MB = 1024 * 1024;
const bench = `relay: ${FRAMES} frames of 1 MB from one peer, lmdb store`;
const half = samples[Math.floor(samples.length / 2)] ?? { frames: 0, rss: baseline };
result({ bench, metric: 'node RSS before', value: round(baseline / MB, 1), unit: 'MB' });
result({ bench, metric: `node RSS midway (${half.frames} frames)`, value: round(half.rss / MB, 1), unit: 'MB' });
// Bounded means a plateau: the second half of the frames adds (almost) nothing.
result({ bench, metric: `node RSS after ${FRAMES} frames`, value: round(last.rss / MB, 1), unit: 'MB', target: 'a plateau: within 15% of midway', met: last.rss <= half.rss * 1.15 });
result({ bench, metric: 'node peak RSS', value: round(peak / MB, 1), unit: 'MB' });
result({ bench, metric: 'store on disk', value: round(disk / MB, 1), unit: 'MB' });
