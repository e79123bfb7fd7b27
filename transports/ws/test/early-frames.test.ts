import { describe, expect, it } from 'vitest';
import { WsListener, dialWs, type WsTransport } from '@troupe/transport-ws';

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('frames held before start()', () => {
  it('review: a peer that sends more than the high-water mark before start() is closed 1008 and nothing it sent is kept', async () => {
    const accepted: WsTransport[] = [];
    // The owner never starts the accepted transport (an owner still busy with its checks).
    const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 4096, highWaterMark: 1024, onConnection: (t) => { accepted.push(t); } });
    const client = await dialWs(`ws://127.0.0.1:${listener.port}/`);
    const closed = new Promise<void>((resolve) => { client.onclose = () => resolve(); });
    await client.start();
    await until(() => accepted.length === 1);
    for (let i = 0; i < 20 && client.open; i++) client.write('x'.repeat(200));
    await closed;
    expect(client.closeCode).toBe(1008);
    const server = accepted[0]!;
    const seen: string[] = [];
    server.onmessage = (text) => seen.push(text);
    await expect(server.start()).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    expect(seen).toEqual([]);
    await listener.close();
  });

  it('review: frames under the high-water mark sent before start() are delivered by it, in order', async () => {
    const accepted: WsTransport[] = [];
    const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 4096, highWaterMark: 1024, onConnection: (t) => { accepted.push(t); } });
    const client = await dialWs(`ws://127.0.0.1:${listener.port}/`);
    await client.start();
    await until(() => accepted.length === 1);
    for (let i = 0; i < 4; i++) client.write(`${i}`.repeat(200));
    const server = accepted[0]!;
    await until(() => (server as unknown as { earlyBytes: number }).earlyBytes === 800);
    const seen: string[] = [];
    server.onmessage = (text) => seen.push(text);
    await server.start();
    expect(seen.map((t) => t[0])).toEqual(['0', '1', '2', '3']);
    expect(server.open).toBe(true);
    await client.close();
    await listener.close();
  });
});
