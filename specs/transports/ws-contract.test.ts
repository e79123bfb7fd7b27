import { WsListener, dialWs, type WsTransport } from '@troupe/transport-ws';
import { describeTransportContract } from '../contracts/transport-contract.js';
import { describeMalformedFrames } from '../contracts/ws-malformed-frames.js';

/** A dialled client and the server side it was accepted as, over real loopback sockets. */
async function loopbackPair() {
  let accepted: ((t: WsTransport) => void) | undefined;
  const serverSide = new Promise<WsTransport>((resolve) => { accepted = resolve; });
  const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 1 << 20, onConnection: (t) => accepted?.(t) });
  const a = await dialWs(`ws://127.0.0.1:${listener.port}/x`);
  const b = await serverSide;
  // A binary frame is refused through onerror (text frames only) and the socket stays open.
  const injectError = (t: unknown) => (t === a ? b : a).ws.send(Buffer.from([1, 2, 3]));
  return { a, b, injectError, dispose: () => listener.close() };
}

describeTransportContract('WebSocket client and server (ws) on loopback', loopbackPair, (i) => JSON.stringify({ i, text: `frame ${i} ✓` }));

describeMalformedFrames('transport-ws listener', async () => {
  const listener = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024, onConnection: (t) => void t.start() });
  return {
    url: `ws://127.0.0.1:${listener.port}/any`,
    maxPayload: 64 * 1024,
    alive: async () => {
      const res = await fetch(`http://127.0.0.1:${listener.port}/`);
      if (res.status !== 426) throw new Error(`listener answered ${res.status}`);
    },
    dispose: () => listener.close(),
  };
});
