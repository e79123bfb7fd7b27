import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '@troupe/runtime/testing';
import { WsListener, dialWs, type WsTransport } from '@troupe/transport-ws';

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('ping/pong liveness on the injected clock', () => {
  it('issue 8: a server socket whose peer answers pings stays open; one that stopped answering is terminated after a missed pong', async () => {
    const clock = new SimulatedClock();
    const accepted: WsTransport[] = [];
    const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 1024, pingMs: 1000, clock, onConnection: (t) => { accepted.push(t); void t.start(); } });
    const lively = await dialWs(`ws://127.0.0.1:${listener.port}/`);
    const silent = await dialWs(`ws://127.0.0.1:${listener.port}/`);
    await Promise.all([lively.start(), silent.start()]);
    await until(() => accepted.length === 2);
    const closes: number[] = [];
    accepted.forEach((t, i) => { t.onclose = () => closes.push(i); });
    // The silent client stops reading: its pongs never come.
    const silentSocket = (silent as unknown as { socket: Socket }).socket;
    silentSocket.pause();
    const silentServer = accepted.find((t) => t.remoteAddress === `127.0.0.1:${silentSocket.localPort}`);
    expect(silentServer).toBeDefined();
    for (let round = 0; round < 3; round++) {
      clock.advance(1000);
      await new Promise((r) => setTimeout(r, 30)); // a real round trip for the pong
    }
    await until(() => closes.length > 0);
    expect(closes.map((i) => accepted[i])).toEqual([silentServer]);
    expect(accepted.filter((t) => t !== silentServer).every((t) => t.open)).toBe(true);
    await lively.close();
    await listener.close();
  });
});
