// Relay remote refs (issue 8): a hosted agent's answer streamed to `system.connect(link).ask()`.
// Two relay nodes in this process on loopback (host with the agent, asker with the remote ref),
// so the moments are read on one clock:
// - first streamed part: from subscribing to the ask to its first part, while the agent still runs
//   (it emits one part, then a second after a macrotask);
// - cancel-to-remote-abort: from unsubscribing (right after the first part) to the remote handler's
//   `ctx.signal` firing (the requester's two-phase cancel, `task.updated canceled`, the host's
//   cancel of the running turn).
import { performance } from 'node:perf_hooks';
import { createSystem, memoryStore, text, textOf } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';
import { percentile, result, round, smoke } from './bench-kit.mjs';

const N = smoke ? 20 : Number(process.env.RELAY_STREAM_BENCH_N ?? 2_000);
const bench = 'relay-stream';

let onAbort = () => {};
const agent = (msg, ctx) => (async function* () {
  yield text('first');
  if (textOf(msg) === 'hold') {
    await new Promise((resolve) => ctx.signal.addEventListener('abort', () => { onAbort(performance.now()); resolve(); }, { once: true }));
    return;
  }
  await new Promise((resolve) => setImmediate(resolve));
  yield text('second');
})();

const host = await createSystem({ store: memoryStore() });
const hostPlugin = relay({ name: 'StreamHost', port: 0, httpPort: 0, agent: host.spawn(agent, { name: 'streamer', concurrency: 4 }) });
await host.startPlugins([hostPlugin]);
const asker = await createSystem({ store: memoryStore(), plugins: [relay({ name: 'StreamAsker', port: 0, httpPort: 0 })] });
const remote = await asker.connect(hostPlugin.link, { timeoutMs: 10_000 });

/** One streamed ask: ms to the first part; resolves once the stream completed. */
function firstPart() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first;
    remote.ask('go').subscribe({
      next: () => { first ??= performance.now() - started; },
      error: reject,
      complete: () => resolve(first),
    });
  });
}

/** One cancelled ask: ms from unsubscribe to the remote handler's abort. */
function cancelToAbort() {
  return new Promise((resolve, reject) => {
    let unsubscribedAt = 0;
    onAbort = (at) => resolve(at - unsubscribedAt);
    const sub = remote.ask('hold').subscribe({
      next: () => {
        if (unsubscribedAt !== 0) return;
        unsubscribedAt = performance.now();
        queueMicrotask(() => sub.unsubscribe());
      },
      error: reject,
    });
  });
}

for (let i = 0; i < Math.min(50, N); i++) await firstPart(); // warm-up
const firsts = [];
for (let i = 0; i < N; i++) firsts.push(await firstPart());
for (let i = 0; i < Math.min(50, N); i++) await cancelToAbort();
const cancels = [];
for (let i = 0; i < N; i++) cancels.push(await cancelToAbort());

result({ bench, metric: 'first streamed part over relay p50', value: round(percentile(firsts, 50), 3), unit: 'ms' });
result({ bench, metric: 'first streamed part over relay p99', value: round(percentile(firsts, 99), 3), unit: 'ms' });
result({ bench, metric: 'cancel-to-remote-abort p50', value: round(percentile(cancels, 50), 3), unit: 'ms' });
result({ bench, metric: 'cancel-to-remote-abort p99', value: round(percentile(cancels, 99), 3), unit: 'ms' });

await asker.shutdown({ deadlineMs: 0 });
await host.shutdown({ deadlineMs: 0 });
process.exit(0);
