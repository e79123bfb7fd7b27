import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WsListener, dialWs, type WsTransport } from '@troupe/transport-ws';

/** The TCP socket a transport corks (its own private field, read for this pinning test only). */
const socketOf = (t: WsTransport): Socket => (t as unknown as { socket: Socket }).socket;

async function pair() {
  let accepted: ((t: WsTransport) => void) | undefined;
  const serverSide = new Promise<WsTransport>((resolve) => { accepted = resolve; });
  const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 1 << 20, onConnection: (t) => accepted?.(t) });
  const client = await dialWs(`ws://127.0.0.1:${listener.port}/`);
  const server = await serverSide;
  return { client, server, listener };
}

describe('write batching through the upgrade socket (CONVENTIONS 16: pins what ws does with its socket)', () => {
  it('issue 8: ws writes its frames into the very socket the upgrade handed over, so corking it batches a turn\'s frames (server and client side)', async () => {
    const { client, server, listener } = await pair();
    const got: string[] = [];
    client.onmessage = (f) => got.push(`c:${f}`);
    server.onmessage = (f) => got.push(`s:${f}`);
    await Promise.all([client.start(), server.start()]);
    for (const [t, name] of [[server, 's'], [client, 'c']] as const) {
      const socket = socketOf(t);
      expect(socket).toBeDefined();
      const before = socket.writableLength;
      expect(t.write(`${name}1`)).toBe(true);
      expect(t.write(`${name}2`)).toBe(true);
      // The second frame of the turn sits in the corked socket: ws wrote it there, not elsewhere.
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBeGreaterThan(before);
    }
    for (let i = 0; i < 200 && got.length < 4; i++) await new Promise((r) => setTimeout(r, 5));
    expect(got.sort()).toEqual(['c:s1', 'c:s2', 's:c1', 's:c2']);
    await client.close();
    await listener.close();
  });
});
