/**
 * The lean path's request deadline runs on the clock it is given: on a SimulatedClock, an
 * incomplete request is refused exactly when simulated time passes the limit, with no real wait.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '@troupe/runtime/testing';
import { serveLean, type LeanLimits } from '../src/http/lean-http.js';
import { RawClient } from '@troupe/plugin-relay/testing';

const REQUEST_TIMEOUT_MS = 60_000;
const TIMED_OUT = 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

const open: Array<{ close(): unknown }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** A lean server on loopback whose sockets report each chunk they got, after the lean path saw it. */
async function leanServer(clock: SimulatedClock): Promise<{ port: number; received: () => Promise<void> }> {
  const limits: LeanLimits = {
    maxHeadBytes: 16 * 1024, maxBodyBytes: 1024, idleMs: 120_000, maxPendingBytes: 1024 * 1024,
    requestTimeoutMs: REQUEST_TIMEOUT_MS, clock, timedOut: () => TIMED_OUT, malformed: () => 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
  };
  const waiters: Array<() => void> = [];
  const fallback = createHttpServer();
  const server: Server = createServer((socket: Socket) => {
    serveLean(socket, { accept: () => 'ok', respond: () => 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n' }, fallback, limits);
    socket.on('data', () => waiters.splice(0).forEach((w) => w()));
  });
  open.push(server, fallback);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

describe('lean HTTP path on an injected clock', () => {
  it('issue 8: an incomplete request is answered timedOut when the simulated clock passes requestTimeoutMs, not before', async () => {
    const clock = new SimulatedClock();
    const { port, received } = await leanServer(clock);
    const c = await RawClient.open(port);
    open.push({ close: () => c.destroy() });
    const got = received();
    await c.write('GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await got;
    expect(clock.pending).toBe(1);
    clock.advance(REQUEST_TIMEOUT_MS - 1);
    expect(clock.pending).toBe(1); // the deadline has not fired yet
    clock.advance(1);
    expect((await c.response()).status).toBe(408);
    await c.closed();
    expect(clock.pending).toBe(0);
  });
});
