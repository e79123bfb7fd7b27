import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RendezvousServer, rendezvousId } from '@troupe/plugin-relay';
import { get, post, sse, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
const servers: RendezvousServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('rendezvous fallback', () => {
  it('item 73: two nodes exchange messages through the rendezvous when the direct port is closed; it sees only the rid', async () => {
    const logs: string[] = [];
    const rv = await RendezvousServer.listen({ port: 0, log: (msg, data) => logs.push(`${msg} ${JSON.stringify(data)}`) });
    servers.push(rv);
    const A = await startNode({ name: 'AgentA', rendezvousUrl: rv.url });
    const B = await startNode({ name: 'AgentB', rendezvousUrl: rv.url, rendezvousAfter: 1, reconnect: { baseDelayMs: 20, maxDelayMs: 100 } });
    running.push(A, B);
    const streamB = sse(B.base);
    await streamB.headers;
    const token = A.plugin.node.token;
    const unreachable = `acp://127.0.0.1:${await closedPort()}/${token}`;
    const { peer_id } = (await post(B.base, '/peers/connect', { link: unreachable })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.connected, 10_000, 'relay connection');
    expect((await get(B.base, `/peers/${peer_id}`)).body.transport_level).toBe('relay');
    expect((await get(B.base, '/status')).body.connection_type).toBe('relay');
    expect(streamB.events.some((e) => e.type === 'peer' && e.event === 'relay_fallback' && e.reason === 'direct_failed')).toBe(true);
    await post(B.base, '/message:send', { role: 'user', text: 'via rv', message_id: 'rv-1' });
    await until(async () => (await get(A.base, '/recv')).body.messages.some((m: any) => m.message_id === 'rv-1'));
    const aPeer = (await get(A.base, '/peers')).body.peers[0].id;
    await post(A.base, '/message:send', { role: 'agent', text: 'back via rv', message_id: 'rv-2', peer_id: aPeer });
    await until(async () => (await get(B.base, '/recv')).body.messages.some((m: any) => m.message_id === 'rv-2'));
    expect(logs.join('\n')).not.toContain(token);
    expect(logs.join('\n')).toContain(rendezvousId(token));
    streamB.close();
  });

  it('moves the peer back to the direct socket once its port opens, losing and duplicating nothing (checklist 74)', async () => {
    const rv = await RendezvousServer.listen({ port: 0 });
    servers.push(rv);
    const A = await startNode({ name: 'AgentA', rendezvousUrl: rv.url });
    const B = await startNode({ name: 'AgentB', rendezvousUrl: rv.url, rendezvousAfter: 1, directProbeMs: 100, reconnect: { baseDelayMs: 20, maxDelayMs: 100 } });
    running.push(A, B);
    const port = await closedPort();
    const { peer_id } = (await post(B.base, '/peers/connect', { link: `acp://127.0.0.1:${port}/${A.plugin.node.token}` })).body;
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.transport_level === 'relay' && (await get(B.base, `/peers/${peer_id}`)).body.connected, 10_000);
    // the direct port "opens": a TCP forwarder to A's peer listener
    const open = new Set<{ destroy(): void }>();
    const proxy: Server = createServer((client) => {
      open.add(client);
      const upstream = connect(A.plugin.port, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', () => r()));
    const sends: Promise<unknown>[] = [];
    let i = 0;
    const sender = setInterval(() => {
      sends.push(post(B.base, '/message:send', { role: 'user', text: `switch ${i}`, message_id: `sw-${i}`, peer_id }));
      i += 1;
    }, 5);
    await until(async () => (await get(B.base, `/peers/${peer_id}`)).body.transport_level === 'direct', 10_000, 'direct again');
    await new Promise((r) => setTimeout(r, 50));
    clearInterval(sender);
    await Promise.all(sends);
    const ids = await until(async () => {
      const h = (await get(A.base, '/history?limit=1000')).body.history.map((m: any) => m.message_id);
      return h.length >= i ? h : undefined;
    }, 5_000, 'all switch messages');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(i);
    for (const c of open) c.destroy();
    await new Promise<void>((r) => proxy.close(() => r()));
  }, 20_000);

  it('closes a guest with 1013 when no host is waiting, and rejects malformed paths', async () => {
    const rv = await RendezvousServer.listen({ port: 0 });
    servers.push(rv);
    const close = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const ws = new WebSocket(`${rv.url}/rv/${'a'.repeat(64)}?side=guest`);
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      ws.on('error', reject);
    });
    expect(close).toEqual({ code: 1013, reason: 'no host waiting' });
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${rv.url}/rv/tok_secret?side=guest`);
      ws.on('error', (e) => resolve(e.message));
    });
    expect(refused).toMatch(/404/);
  });
});
