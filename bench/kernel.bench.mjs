// Kernel benchmarks (issue: Troupe kernel). Measured in one run against raw XState on this machine:
//   1. tell throughput between two agents vs a raw XState createActor + send loop
//   2. ask round trips/s with p50/p99
//   3. spawn 100,000 agents under one supervisor (time, heap per idle agent), then stop them all
//   4. restart latency of a crashing agent (crash -> restarted agent answers), backoff 0
import { setup, createActor, assign } from 'xstate';
import { lastValueFrom } from 'rxjs';
import { createSystem, text } from '@troupe/runtime';
import { Agent } from '@troupe/actors';
import { heapUsed, percentile, result, round, smoke } from './bench-kit.mjs';

const TELLS = smoke ? 20_000 : 3_000_000;
const ASKS = smoke ? 2_000 : 200_000;
const SPAWNS = smoke ? 5_000 : 100_000;
const RESTARTS = smoke ? 100 : 2_000;

function rawXState(n) {
  const machine = setup({}).createMachine({ context: { n: 0 }, on: { M: { actions: assign({ n: ({ context }) => context.n + 1 }) } } });
  const actor = createActor(machine).start();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) actor.send({ type: 'M' });
  const ms = performance.now() - t0;
  if (actor.getSnapshot().context.n !== n) throw new Error('xstate lost events');
  actor.stop();
  return n / (ms / 1000);
}

async function tellThroughput(n) {
  const system = await createSystem();
  let received = 0;
  let done;
  const finished = new Promise((r) => { done = r; });
  class Counter extends Agent {
    onMessage() { if (++received === n) done(); }
  }
  const msg = { id: 'm', role: 'user', parts: [text('x')] };
  class Producer extends Agent {
    async onMessage(_m, ctx) {
      const target = ctx.system.lookup('troupe://local/agents/counter');
      for (let i = 0; i < n; i++) if (!ctx.tell(target, msg)) await ctx.send(target, msg);
    }
  }
  system.spawn(Counter, { name: 'counter' });
  const producer = system.spawn(Producer, { name: 'producer' });
  const t0 = performance.now();
  producer.tell('go');
  await finished;
  const ms = performance.now() - t0;
  await system.shutdown();
  return n / (ms / 1000);
}

async function askLatency(n) {
  const system = await createSystem();
  class Echo extends Agent { onMessage(m) { return m.parts; } }
  const echo = system.spawn(Echo);
  const lat = new Float64Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await lastValueFrom(echo.ask('ping'));
    lat[i] = performance.now() - s;
  }
  const ms = performance.now() - t0;
  await system.shutdown();
  return { perSec: n / (ms / 1000), p50: percentile(lat, 50) * 1000, p99: percentile(lat, 99) * 1000 };
}

async function spawnStop(n) {
  const system = await createSystem();
  class Idle extends Agent { onMessage() {} }
  const supervisor = system.spawn(() => undefined, { name: 'supervisor' });
  const before = heapUsed();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) system.spawn(Idle, { parent: supervisor });
  const spawnMs = performance.now() - t0;
  const perAgent = (heapUsed() - before) / n;
  const t1 = performance.now();
  await system.stop(supervisor);
  const stopMs = performance.now() - t1;
  if (system.size !== 3) throw new Error(`expected only guardians left, got ${system.size}`);
  await system.shutdown();
  return { spawnMs, stopMs, perAgent };
}

async function restartLatency(n) {
  const system = await createSystem({ supervision: { maxRestarts: n + 10, withinMs: 60_000, backoff: { minMs: 0, maxMs: 0, jitter: 0 } } });
  class Fragile extends Agent {
    onMessage(m) { if (m.parts[0].text === 'crash') throw new Error('crash'); return 'ok'; }
  }
  const ref = system.spawn(Fragile);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    ref.tell('crash');
    await lastValueFrom(ref.ask('after'));
    lat[i] = performance.now() - s;
  }
  await system.shutdown();
  return { p50: percentile(lat, 50) * 1000, p99: percentile(lat, 99) * 1000 };
}

const xs = rawXState(smoke ? 20_000 : 1_000_000);
const tell = await tellThroughput(TELLS);
result({ bench: 'kernel', metric: 'raw XState createActor+send', value: round(xs), unit: 'msg/s' });
result({ bench: 'kernel', metric: `tell, 2 agents (${TELLS})`, value: round(tell), unit: 'msg/s', anchor: `XState ${round(xs)}`, ratio: round(tell / xs, 2), target: '>= 5x and >= 1,000,000', met: tell >= 5 * xs && tell >= 1e6 });
const ask = await askLatency(ASKS);
result({ bench: 'kernel', metric: `ask round trips (${ASKS}, sequential)`, value: round(ask.perSec), unit: 'rt/s' });
result({ bench: 'kernel', metric: 'ask p50 / p99', value: `${round(ask.p50, 1)} / ${round(ask.p99, 1)}`, unit: 'us' });
const sp = await spawnStop(SPAWNS);
result({ bench: 'kernel', metric: `spawn ${SPAWNS} agents`, value: round(sp.spawnMs), unit: 'ms', target: '< 3000', met: sp.spawnMs < 3000 });
result({ bench: 'kernel', metric: 'heap per idle agent', value: round(sp.perAgent), unit: 'B', target: '<= 4096', met: sp.perAgent <= 4096 });
result({ bench: 'kernel', metric: `stop ${SPAWNS} agents`, value: round(sp.stopMs), unit: 'ms', target: '< 3000', met: sp.stopMs < 3000 });
const rs = await restartLatency(RESTARTS);
result({ bench: 'kernel', metric: `restart latency p50 / p99 (${RESTARTS})`, value: `${round(rs.p50, 1)} / ${round(rs.p99, 1)}`, unit: 'us' });
