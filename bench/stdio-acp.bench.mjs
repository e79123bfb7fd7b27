// ACP over stdio benchmarks (issue 3). Everything runs over real child processes and pipes, in one run:
//   1. one prompt turn streaming N agent_message_chunk notifications (default 100,000):
//      Troupe serve <-> Troupe drive vs the official SDK on both sides vs a hand-written NDJSON pipe
//   2. sequential one-chunk prompt round trips, p50/p99 (Troupe both sides vs SDK both sides)
//   3. spawn-to-initialize latency: `troupe acp serve <module>` run through the CLI bin, as a user or
//      an editor runs it, beside an SDK agent process (issue 10)
//   4. cancel latency: session/cancel to the `cancelled` answer, Troupe (CLI) vs the SDK agent
// This file is also the agent program: `node stdio-acp.bench.mjs --agent <sdk|troupe|plain>`.
import { spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const troupeBin = fileURLToPath(new URL('../cli/bin/troupe.mjs', import.meta.url));
const benchModule = fileURLToPath(new URL('./stdio-bench-agent.mjs', import.meta.url));
const role = process.argv.includes('--agent') ? process.argv[process.argv.indexOf('--agent') + 1] : undefined;
const chunkOf = (sessionId) => ({ jsonrpc: '2.0', method: 'session/update', params: { sessionId, update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'tok ' } } } });
const countOf = (prompt) => Number(prompt.map((b) => b.text ?? '').join('').split(' ')[1] ?? 1);

// ---- agent roles (child processes) -------------------------------------------------------------

async function sdkAgent() {
  const { agent, methods, ndJsonStream } = await import('@agentclientprotocol/sdk');
  let cancel;
  const app = agent({ name: 'bench-sdk' })
    .onRequest(methods.agent.initialize, () => ({ protocolVersion: 1, agentCapabilities: {}, authMethods: [] }))
    .onRequest(methods.agent.session.new, () => ({ sessionId: 's1' }))
    .onNotification(methods.agent.session.cancel, () => { cancel?.(); })
    .onRequest(methods.agent.session.prompt, async ({ params, client }) => {
      const update = { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'tok ' } };
      if (params.prompt[0]?.text === 'wait') {
        await client.notify(methods.client.session.update, { sessionId: params.sessionId, update });
        await new Promise((resolve) => { cancel = resolve; });
        return { stopReason: 'cancelled' };
      }
      const n = countOf(params.prompt);
      for (let i = 0; i < n; i++) await client.notify(methods.client.session.update, { sessionId: params.sessionId, update });
      return { stopReason: 'end_turn' };
    });
  await app.connect(ndJsonStream(Writable.toWeb(process.stdout), Readable.toWeb(process.stdin))).closed;
  process.exit(0);
}

async function troupeAgent() {
  const { serveStdio } = await import('@troupe/plugin-stdio');
  const { text, textOf } = await import('@troupe/runtime');
  const part = text('tok ');
  const server = await serveStdio((msg) => {
    const n = Number(textOf(msg).split(' ')[1] ?? 1);
    return Array.from({ length: n }, () => part);
  }, { name: 'bench' });
  await server.closed;
  process.exit(0);
}

function plainAgent() {
  // A hand-written NDJSON agent: JSON.stringify per frame, lines batched into large writes.
  let buf = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', async (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const m = JSON.parse(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      if (m.method === 'initialize') process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: 1 } })}\n`);
      else if (m.method === 'session/new') process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { sessionId: 's1' } })}\n`);
      else if (m.method === 'session/prompt') {
        const n = countOf(m.params.prompt);
        let out = '';
        for (let i = 0; i < n; i++) {
          out += `${JSON.stringify(chunkOf(m.params.sessionId))}\n`;
          if (out.length > 1 << 20) { if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r)); out = ''; }
        }
        process.stdout.write(`${out}${JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { stopReason: 'end_turn' } })}\n`);
      }
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

if (role === 'sdk') await sdkAgent();
else if (role === 'troupe') await troupeAgent();
else if (role === 'plain') plainAgent();
else await main();

// ---- the benchmark (parent) ----------------------------------------------------------------------

async function main() {
  // Imported here, not at the top: the agent roles of this file must load only their own stack
  // (the SDK agent anchor would otherwise pay for rxjs too).
  const { lastValueFrom } = await import('rxjs');
  const { percentile, result, round, smoke } = await import('./bench-kit.mjs');
  const { createSystem } = await import('@troupe/runtime');
  const { stdio } = await import('@troupe/plugin-stdio');
  const { client, methods, ndJsonStream } = await import('@agentclientprotocol/sdk');

  const CHUNKS = smoke ? 2_000 : 100_000;
  const RUNS = smoke ? 1 : 5;
  const TRIPS = smoke ? 50 : 2_000;
  const SPAWNS = smoke ? 2 : 9;
  const CANCELS = smoke ? 5 : 200;
  const agentCmd = (r) => [process.execPath, self, '--agent', r];
  const median = (xs) => percentile(xs, 50);

  const spawnAgent = (r) => spawn(agentCmd(r)[0], agentCmd(r).slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });

  /** A bare JSON-RPC client on a child's pipes (no client library in the measured path). */
  function rawRpc(child) {
    let buf = '';
    let nextId = 0;
    const waiters = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const m = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        const w = waiters.find((x) => x.match(m));
        if (w) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
      }
    });
    const next = (match) => new Promise((resolve) => waiters.push({ match, resolve }));
    const send = (m) => child.stdin.write(`${JSON.stringify(m)}\n`);
    return {
      next,
      notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
      call: async (method, params) => {
        const id = nextId++;
        const reply = next((m) => m.id === id && m.method === undefined);
        send({ jsonrpc: '2.0', id, method, params });
        const m = await reply;
        if (m.error) throw new Error(`${method}: ${m.error.message}`);
        return m.result;
      },
    };
  }

  /** SDK client <-> SDK agent: one session, runs `op` on it. */
  async function withSdk(op) {
    const child = spawnAgent('sdk');
    let count = 0;
    const app = client({ name: 'bench' }).onNotification(methods.client.session.update, () => { count++; });
    const value = await app.connectWith(ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout)), async (ctx) => {
      await ctx.request(methods.agent.initialize, { protocolVersion: 1, clientCapabilities: {} });
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: '/tmp', mcpServers: [] });
      return op((text) => ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text }] }), () => count);
    });
    child.kill();
    return value;
  }

  /** Troupe drive <-> Troupe serve. */
  async function withTroupe(op) {
    const system = await createSystem({ plugins: [stdio()] });
    const ref = await system.connect({ command: agentCmd('troupe'), exitGraceMs: 100 });
    let count = 0;
    const value = await op(async (text) => { await lastValueFrom(ref.turn(text), { defaultValue: undefined }).then(() => undefined); }, () => count, ref, (n) => { count = n; });
    await system.shutdown({ deadlineMs: 0 });
    return value;
  }

  /** Hand-written reader <-> hand-written writer. */
  async function withPlain(op) {
    const child = spawnAgent('plain');
    let count = 0;
    let buf = '';
    let waiting;
    let nextId = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      let start = 0;
      let nl;
      while ((nl = buf.indexOf('\n', start)) >= 0) {
        const m = JSON.parse(buf.slice(start, nl));
        start = nl + 1;
        if (m.method === 'session/update') count++;
        else if (m.id !== undefined && waiting) { const w = waiting; waiting = undefined; w(m.result); }
      }
      buf = buf.slice(start);
    });
    const call = (method, params) => new Promise((r) => { waiting = r; child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params })}\n`); });
    await call('initialize', { protocolVersion: 1 });
    const { sessionId } = await call('session/new', { cwd: '/tmp', mcpServers: [] });
    const value = await op((text) => call('session/prompt', { sessionId, prompt: [{ type: 'text', text }] }), () => count);
    child.stdin.end();
    return value;
  }

  // 1. streaming turn -------------------------------------------------------------------------
  const streamRuns = async (setup) => setup(async (prompt, count, ref, setCount) => {
    const times = [];
    for (let r = 0; r < RUNS; r++) {
      const before = count();
      const t0 = performance.now();
      if (ref) {
        let n = 0;
        await new Promise((resolve, reject) => ref.turn(`stream ${CHUNKS}`).subscribe({ next: (e) => { if (e.type === 'update') n++; }, error: reject, complete: resolve }));
        setCount(before + n);
      } else await prompt(`stream ${CHUNKS}`);
      times.push(performance.now() - t0);
      if (count() - before !== CHUNKS) throw new Error(`lost chunks: ${count() - before} of ${CHUNKS}`);
    }
    return median(times);
  });
  const sdkMs = await streamRuns(withSdk);
  const plainMs = await streamRuns(withPlain);
  const troupeMs = await streamRuns(withTroupe);
  const rate = (ms) => round(CHUNKS / (ms / 1000));
  result({ bench: 'stdio-acp', metric: `SDK <-> SDK, ${CHUNKS} chunks in one turn (anchor)`, value: rate(sdkMs), unit: 'msg/s' });
  result({ bench: 'stdio-acp', metric: `hand-written NDJSON pipe, ${CHUNKS} chunks (anchor)`, value: rate(plainMs), unit: 'msg/s' });
  const vsSdk = sdkMs / troupeMs;
  const vsPlain = plainMs / troupeMs;
  result({ bench: 'stdio-acp', metric: `Troupe serve <-> Troupe drive, ${CHUNKS} chunks in one turn (median of ${RUNS}, ${round(troupeMs)} ms)`, value: rate(troupeMs), unit: 'msg/s', anchor: 'SDK both sides', ratio: round(vsSdk, 2), target: '>= 4x SDK', met: vsSdk >= 4 });
  result({ bench: 'stdio-acp', metric: 'Troupe both sides vs hand-written NDJSON pipe', value: round(vsPlain, 2), unit: 'x', anchor: 'plain pipe', ratio: round(vsPlain, 2), target: '>= 0.9x', met: vsPlain >= 0.9 });

  // 2. round trips ------------------------------------------------------------------------------
  const trips = async (setup) => setup(async (prompt) => {
    const lat = [];
    for (let i = 0; i < TRIPS; i++) {
      const t0 = performance.now();
      await prompt('stream 1');
      lat.push(performance.now() - t0);
    }
    return lat;
  });
  const sdkLat = await trips(withSdk);
  const troupeLat = await trips(withTroupe);
  result({ bench: 'stdio-acp', metric: 'SDK <-> SDK one-chunk prompt round trip p50 / p99 (anchor)', value: `${round(percentile(sdkLat, 50), 3)} / ${round(percentile(sdkLat, 99), 3)}`, unit: 'ms' });
  result({ bench: 'stdio-acp', metric: 'Troupe <-> Troupe one-chunk prompt round trip p50 / p99', value: `${round(percentile(troupeLat, 50), 3)} / ${round(percentile(troupeLat, 99), 3)}`, unit: 'ms', anchor: 'SDK p50', ratio: round(percentile(sdkLat, 50) / percentile(troupeLat, 50), 2), target: 'p50 <= 0.6 ms', met: percentile(troupeLat, 50) <= 0.6 });

  // 3. spawn to initialize ----------------------------------------------------------------------
  const spawnInit = async (start) => {
    const times = [];
    for (let i = 0; i < SPAWNS; i++) {
      const child = start();
      const t0 = performance.now();
      await new Promise((resolve) => {
        let buf = '';
        child.stdout.on('data', (c) => { buf += c; if (buf.includes('\n')) resolve(); });
        child.stdin.write('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":1,"clientCapabilities":{}}}\n');
      });
      times.push(performance.now() - t0);
      child.kill();
    }
    return median(times);
  };
  const cliServe = [troupeBin, 'acp', 'serve', benchModule];
  const serveViaCli = () => spawn(process.execPath, cliServe, { stdio: ['pipe', 'pipe', 'ignore'] });
  const sdkSpawn = await spawnInit(() => spawnAgent('sdk'));
  const troupeSpawn = await spawnInit(serveViaCli);
  result({ bench: 'stdio-acp', metric: 'spawn-to-initialize, SDK agent process (anchor, median)', value: round(sdkSpawn, 1), unit: 'ms' });
  result({ bench: 'stdio-acp', metric: 'spawn-to-initialize, `troupe acp serve <module>` via the CLI bin (median)', value: round(troupeSpawn, 1), unit: 'ms', anchor: 'SDK agent', ratio: round(sdkSpawn / troupeSpawn, 2), target: '<= SDK agent', met: troupeSpawn <= sdkSpawn });

  // 4. cancel latency ---------------------------------------------------------------------------
  const cancelLatency = async (child) => {
    const rpc = rawRpc(child);
    await rpc.call('initialize', { protocolVersion: 1, clientCapabilities: {} });
    const { sessionId } = await rpc.call('session/new', { cwd: '/tmp', mcpServers: [] });
    const lat = [];
    for (let i = 0; i < CANCELS; i++) {
      const first = rpc.next((m) => m.method === 'session/update');
      const answer = rpc.call('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'wait' }] });
      await first;
      const t0 = performance.now();
      rpc.notify('session/cancel', { sessionId });
      const { stopReason } = await answer;
      lat.push(performance.now() - t0);
      if (stopReason !== 'cancelled') throw new Error(`cancel answered ${stopReason}`);
    }
    child.kill();
    return lat;
  };
  const sdkCancel = await cancelLatency(spawnAgent('sdk'));
  const troupeCancel = await cancelLatency(serveViaCli());
  const p = (xs, q) => round(percentile(xs, q), 2);
  result({ bench: 'stdio-acp', metric: `session/cancel to the cancelled answer p50 / p99, SDK agent (anchor, ${CANCELS} turns)`, value: `${p(sdkCancel, 50)} / ${p(sdkCancel, 99)}`, unit: 'ms' });
  result({ bench: 'stdio-acp', metric: `session/cancel to the cancelled answer p50 / p99, \`troupe acp serve\` (${CANCELS} turns)`, value: `${p(troupeCancel, 50)} / ${p(troupeCancel, 99)}`, unit: 'ms', anchor: 'SDK p50', ratio: round(percentile(sdkCancel, 50) / percentile(troupeCancel, 50), 2), target: 'p50 <= 10 ms', met: percentile(troupeCancel, 50) <= 10 });
  process.exit(0);
}
