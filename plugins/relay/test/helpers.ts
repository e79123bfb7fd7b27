import { request } from 'node:http';
import { createSystem, memoryStore, type ActorRef, type ActorSystem, type Store } from '@troupe/runtime';
import { relay, type RelayOptions, type RelayPlugin } from '@troupe/plugin-relay';

/** A relay node on loopback with its own actor system. */
export interface TestNode {
  readonly system: ActorSystem;
  readonly plugin: RelayPlugin;
  readonly base: string;
  stop(): Promise<void>;
}

export async function startNode(options: RelayOptions & { store?: Store; agentFactory?: (system: ActorSystem) => ActorRef } = {}): Promise<TestNode> {
  const { store, agentFactory, ...rest } = options;
  const system = await createSystem({ store: store ?? memoryStore() });
  const agent = agentFactory?.(system);
  const plugin = relay({ port: 0, httpPort: 0, name: 'Node', ...rest, ...(agent ? { agent } : {}) });
  await system.startPlugins([plugin]);
  return {
    system,
    plugin,
    base: `http://127.0.0.1:${plugin.httpPort}`,
    stop: () => system.shutdown({ deadlineMs: 0 }),
  };
}

/** One HTTP exchange; the body is parsed when it is JSON. */
export async function http(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...(text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = raw;
        try {
          parsed = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

export const post = (base: string, path: string, body?: unknown, headers?: Record<string, string>) => http(base, 'POST', path, body ?? {}, headers);
export const get = (base: string, path: string) => http(base, 'GET', path);

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 5_000, what = 'condition'): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reads an SSE stream and collects parsed events (and the raw text). */
export function sse(base: string, path = '/stream'): { events: any[]; raw: () => string; headers: Promise<Record<string, string | string[] | undefined>>; close: () => void } {
  const events: any[] = [];
  let raw = '';
  let buffer = '';
  let resolveHeaders: (h: Record<string, string | string[] | undefined>) => void = () => {};
  const headers = new Promise<Record<string, string | string[] | undefined>>((r) => (resolveHeaders = r));
  const req = request(`${base}${path}`, (res) => {
    resolveHeaders({ ...res.headers, ':status': String(res.statusCode) });
    res.on('data', (c: Buffer) => {
      const s = c.toString('utf8');
      raw += s;
      buffer += s;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) events.push(JSON.parse(data));
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, raw: () => raw, headers, close: () => req.destroy() };
}

/** Starts two nodes and connects B to A's link; resolves when both see the peer. */
export async function connectedPair(a: RelayOptions & { agentFactory?: (s: ActorSystem) => ActorRef; store?: Store } = {}, b: RelayOptions & { agentFactory?: (s: ActorSystem) => ActorRef; store?: Store } = {}): Promise<{ A: TestNode; B: TestNode; aPeerOnB: string; bPeerOnA: string }> {
  const A = await startNode({ name: 'AgentA', ...a });
  const B = await startNode({ name: 'AgentB', ...b });
  const res = await post(B.base, '/peers/connect', { link: A.plugin.link });
  const aPeerOnB = res.body.peer_id as string;
  await until(async () => (await get(B.base, '/peers')).body.peers.some((p: any) => p.ws_ready), 5_000, 'B connected');
  const bPeerOnA = await until(async () => (await get(A.base, '/peers')).body.peers.find((p: any) => p.connected)?.id as string, 5_000, 'A sees B');
  return { A, B, aPeerOnB, bPeerOnA };
}
