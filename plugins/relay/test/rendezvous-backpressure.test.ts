import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RendezvousServer } from '@troupe/plugin-relay';

/** Opens one side of a rendezvous and resolves once it is paired; keeps the TCP socket from the public 'upgrade' event. */
function side(url: string, paired: Promise<void>[]): { ws: WebSocket; tcp: () => Socket } {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 * 1024 * 1024 });
  let tcp: Socket | undefined;
  ws.once('upgrade', (res) => { tcp = res.socket as Socket; });
  paired.push(new Promise((resolve) => ws.on('message', (d) => { if (String(d).includes('rendezvous.paired')) resolve(); })));
  return { ws, tcp: () => tcp as Socket };
}

const until = async (cond: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 2_000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('rendezvous splice back-pressure', () => {
  it('issue 8: a guest that stops reading makes the rendezvous stop reading its host (no polling, no private ws socket), and nothing is lost once it reads again', async () => {
    const rv = await RendezvousServer.listen({ port: 0 });
    const rid = 'b'.repeat(64);
    const paired: Promise<void>[] = [];
    const host = side(`${rv.url}/rv/${rid}?side=host`, paired);
    await new Promise((r) => host.ws.once('open', r));
    const guest = side(`${rv.url}/rv/${rid}?side=guest`, paired);
    await Promise.all(paired);
    let received = 0;
    let inOrder = true;
    guest.ws.on('message', (d: Buffer) => {
      if (d.length === 64 * 1024 && d.readUInt32BE(0) !== received) inOrder = false;
      if (d.length === 64 * 1024) received += 1;
    });
    guest.tcp().pause();
    const FRAMES = 400; // 25 MiB, far over the 1 MiB high-water mark and the kernel buffers
    for (let i = 0; i < FRAMES; i++) {
      const frame = Buffer.alloc(64 * 1024, 0x61);
      frame.writeUInt32BE(i, 0);
      host.ws.send(frame);
    }
    // The rendezvous stopped reading the host: the host's own unsent bytes stay high.
    await new Promise((r) => setTimeout(r, 300));
    expect(host.ws.bufferedAmount).toBeGreaterThan(8 * 1024 * 1024);
    guest.tcp().resume();
    await until(() => received === FRAMES, `${FRAMES} frames (got ${received})`);
    expect(inOrder).toBe(true);
    host.ws.terminate();
    guest.ws.terminate();
    await rv.close();
  });
});
