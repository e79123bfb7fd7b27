import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TroupeError } from '@troupe/runtime';
import { get, post, startNode, until, type TestNode } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A TCP port that accepts and drops every connection (never a relay), counting the dials. */
async function deadPort(): Promise<{ port: number; dials: () => number }> {
  let dials = 0;
  const server = createServer((socket) => {
    dials += 1;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, dials: () => dials };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('issue 8: a dead relay link', () => {
  it('issue 8: connect fails with UNREACHABLE naming the address within its timeout, and dialling stops', async () => {
    const node = await startNode({ name: 'Asker', reconnect: { baseDelayMs: 10, maxDelayMs: 20 } });
    running.push(node);
    const dead = await deadPort();
    const link = `acp://127.0.0.1:${dead.port}/tok_0123456789abcdef` as const;
    const started = Date.now();
    const error = await node.system.connect(link, { timeoutMs: 300 }).then(() => undefined, (e: unknown) => e);
    expect(TroupeError.is(error, 'UNREACHABLE')).toBe(true);
    expect((error as Error).message).toContain(`acp://127.0.0.1:${dead.port}`);
    expect((error as Error).message).not.toContain('tok_');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(dead.dials()).toBeGreaterThan(0);
    const after = dead.dials();
    // With a 10–20 ms backoff, a dialler still running would dial many more times meanwhile.
    await settle(300);
    expect(dead.dials()).toBe(after);
    expect((await get(node.base, '/peers')).body.peers).toEqual([]);
  });

  it('issue 8: with reconnect: true the link keeps being redialled after the failed connect', async () => {
    const node = await startNode({ name: 'Asker', reconnect: { baseDelayMs: 10, maxDelayMs: 20 } });
    running.push(node);
    const dead = await deadPort();
    const link = `acp://127.0.0.1:${dead.port}/tok_0123456789abcdef` as const;
    const error = await node.system.connect(link, { timeoutMs: 200, reconnect: true }).then(() => undefined, (e: unknown) => e);
    expect(TroupeError.is(error, 'UNREACHABLE')).toBe(true);
    const after = dead.dials();
    await settle(300);
    expect(dead.dials()).toBeGreaterThan(after);
  });

  it('issue 8: a link that is not a link fails with INVALID_ADDRESS', async () => {
    const node = await startNode({ name: 'Asker' });
    running.push(node);
    const error = await node.system.connect('acp://nowhere' as `acp://${string}`).then(() => undefined, (e: unknown) => e);
    expect(TroupeError.is(error, 'INVALID_ADDRESS')).toBe(true);
  });

  it('issue 8: connecting to a link already given up (wrong token) fails at once, not after the timeout', async () => {
    const host = await startNode({ name: 'Host' });
    const asker = await startNode({ name: 'Asker' });
    running.push(host, asker);
    const wrong = host.plugin.link.replace(/tok_[0-9a-f]+/, 'tok_ffffffffffffffff') as `acp://${string}`;
    await post(asker.base, '/peers/connect', { link: wrong });
    await until(async () => ((await get(asker.base, '/peers')).body.peers as { last_error?: string }[]).some((p) => p.last_error === 'invalid_token'), 5_000, 'token refused');
    // The test's own time limit (well under a minute) is the check: before, this waited out the minute.
    const error = await asker.system.connect(wrong, { timeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e);
    expect(TroupeError.is(error, 'UNREACHABLE')).toBe(true);
    expect((error as Error).message).toContain('invalid_token');
  });
});
