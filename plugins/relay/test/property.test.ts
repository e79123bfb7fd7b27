import { Agent } from 'node:http';
import { request } from 'node:http';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTimestamp } from '@troupe/protocol-relay';
import { get, post, startNode, until, type TestNode, rawPeer } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const SEEDS: Record<string, Record<string, unknown>> = {
  '/message:send': { role: 'user', parts: [{ type: 'text', content: 'x' }, { type: 'data', content: { k: 1 } }, { type: 'file', url: 'https://example.invalid/f' }], message_id: 'm1', context_id: 'c', create_task: true },
  '/peer/peer_001/send': { role: 'agent', text: 'x', message_id: 'm2', task_id: 't1' },
  '/reply': { correlation_id: 'c1', parts: [{ type: 'text', content: 'y' }], content: 'y' },
  '/tasks': { role: 'user', task_id: 't1', parts: [{ type: 'text', content: 'z' }], delegate: false, payload: { role: 'user' } },
  '/tasks/t1/update': { status: 'working', artifact: { parts: [{ type: 'text', content: 'a' }] }, error: 'e' },
  '/tasks/t1/continue': { text: 'more', parts: [{ type: 'text', content: 'm' }] },
  '/tasks/t1:cancel': {},
  '/skills/query': { skill_id: 'summarize', constraints: { file_size_bytes: 10, input_mode: 'text' } },
};
const PATHS = Object.keys(SEEDS);

/** A body: a seed with a field replaced or removed, arbitrary JSON, or mangled text. */
const bodyArb = fc.oneof(
  fc.tuple(fc.constantFrom(...PATHS), fc.string(), fc.jsonValue()).map(([path, key, value]) => {
    const seed = { ...SEEDS[path] } as Record<string, unknown>;
    const keys = Object.keys(seed);
    const k = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] as string) : key;
    if (value === null && key.length % 3 === 0) delete seed[k];
    else seed[k] = value;
    return { path, text: JSON.stringify(seed) };
  }),
  fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue()).map(([path, v]) => ({ path, text: JSON.stringify(v) })),
  fc.tuple(fc.constantFrom(...PATHS), fc.nat(), fc.string({ maxLength: 3 })).map(([path, at, junk]) => {
    const t = JSON.stringify(SEEDS[path]);
    const i = at % (t.length + 1);
    return { path, text: at % 2 === 0 ? t.slice(0, i) : `${t.slice(0, i)}${junk}${t.slice(i + 1)}` };
  }),
);

function send(agent: Agent, port: number, method: string, path: string, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('property: decoding paths never crash and answer clean 4xx', () => {
  it('10,000 mutated HTTP bodies: every answer is 2xx/4xx/503 JSON, errors use the envelope, never 500', async () => {
    const A = await startNode({ name: 'Fuzz', skills: ['summarize'] });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    await until(async () => (await get(A.base, '/status')).body.peer_count === 1);
    await post(A.base, '/tasks', { role: 'user', task_id: 't1' });
    const samples = fc.sample(bodyArb, { numRuns: 10_000, seed: 4242 });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const s = samples[next++] as { path: string; text: string };
        const res = await send(agent, A.plugin.httpPort, 'POST', s.path, s.text);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 201, 202, 400, 404, 409, 413, 503], `${s.path} ${s.text} -> ${res.status} ${res.body}`).toContain(res.status);
        const body = JSON.parse(res.body) as Record<string, unknown>;
        if (res.status >= 400) {
          expect(body.ok).toBe(false);
          expect(typeof body.error_code).toBe('string');
          expect(typeof body.error).toBe('string');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    agent.destroy();
    expect(statuses.get(400) ?? 0).toBeGreaterThan(1_000);
    expect((await get(A.base, '/status')).status).toBe(200);
    raw.close();
  }, 120_000);

  it('10,000 mutated peer frames: the connection stays open and valid frames still get through', async () => {
    const A = await startNode({ name: 'FrameFuzz' });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const seed = { type: 'acp.message', message_id: 'f', ts: formatTimestamp(Date.now()), from: 'Raw', role: 'user', parts: [{ type: 'text', content: 'x' }], task_id: 'ft', context_id: 'c', correlation_id: 'cc' };
    const types = ['acp.message', 'acp.reply', 'task.updated', 'task.delegate', 'acp.agent_card', 'error', 'weird', undefined];
    const frameArb = fc.oneof(
      fc.tuple(fc.constantFrom(...types), fc.constantFrom(...Object.keys(seed), 'status', 'card', 'payload', 'artifact', 'identity', 'sig', '_was_queued'), fc.jsonValue()).map(([type, key, value]) => JSON.stringify({ ...seed, type, [key]: value })),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.tuple(fc.nat(), fc.string({ maxLength: 4 })).map(([at, junk]) => {
        const t = JSON.stringify(seed);
        const i = at % t.length;
        return `${t.slice(0, i)}${junk}${t.slice(i + 2)}`;
      }),
    );
    const frames = fc.sample(frameArb, { numRuns: 10_000, seed: 7 });
    for (const f of frames) raw.send(f);
    raw.send({ ...seed, message_id: 'after-fuzz', task_id: undefined, correlation_id: undefined });
    await until(async () => (await get(A.base, '/history?limit=20000')).body.history.some((m: any) => m.message_id === 'after-fuzz'), 20_000, 'frame after the fuzz');
    expect(raw.ws.readyState).toBe(1);
    expect((await get(A.base, '/status')).body.peer_count).toBe(1);
    raw.close();
  }, 120_000);
});
