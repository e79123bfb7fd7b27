import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TroupeError } from '@troupe/runtime';
import { dialWs } from '@troupe/transport-ws';

describe('dialWs', () => {
  it('issue 8: a server that accepts TCP but never answers the upgrade fails the dial within its open timeout, with CONNECT_FAILED naming the URL', async () => {
    const held: Socket[] = [];
    const server = createServer((s) => held.push(s));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/silent`;
    const err = await dialWs(url, { openTimeoutMs: 150 }).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'CONNECT_FAILED')).toBe(true);
    expect((err as Error).message).toContain(url);
    for (const s of held) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('a refused port fails at once with CONNECT_FAILED; an aborted dial rejects with CANCELLED', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const refused = await dialWs(`ws://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(TroupeError.is(refused, 'CONNECT_FAILED')).toBe(true);
    const abort = new AbortController();
    const pending = dialWs(`ws://127.0.0.1:${port}/`, { signal: abort.signal }).catch((e: unknown) => e);
    abort.abort();
    expect(TroupeError.is(await pending, 'CANCELLED')).toBe(true);
  });

  it('review: a URL ws cannot dial rejects with INVALID_ADDRESS naming it (not a bare SyntaxError)', async () => {
    for (const url of ['not a url', 'ftp://127.0.0.1/x']) {
      const err = await dialWs(url).catch((e: unknown) => e);
      expect(TroupeError.is(err, 'INVALID_ADDRESS')).toBe(true);
      expect((err as Error).message).toContain(url);
    }
  });
});
