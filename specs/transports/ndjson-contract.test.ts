import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { LineDecoder } from '@troupe/protocol-stdio';
import { NdjsonTransport } from '@troupe/transport-ndjson';
import { describeTransportContract } from '../contracts/transport-contract.js';

const LIMIT = 4096;

/** Two ndjson transports over a real loopback TCP connection (a byte stream pair like a pipe). */
async function loopbackPair() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  const [peer] = await accepted;
  const make = (s: Socket) => new NdjsonTransport(s, s, { splitter: new LineDecoder({ maxMessageBytes: LIMIT }), maxLineBytes: LIMIT });
  const a = make(client);
  const b = make(peer);
  const rawOf = new Map([[a, client], [b, peer]]);
  return {
    a,
    b,
    // An over-long line is a non-fatal error: it is dropped, reported, and reading goes on.
    injectError: (t: unknown) => rawOf.get(t === a ? b : a)?.write(`"${'x'.repeat(LIMIT + 10)}"\n`),
    dispose: async () => {
      client.destroy();
      peer.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

describeTransportContract('ndjson over a loopback TCP byte stream', loopbackPair, (i) => JSON.stringify({ i, text: `frame ${i} ✓` }));
