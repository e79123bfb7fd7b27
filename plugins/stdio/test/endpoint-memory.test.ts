import { describe, expect, it } from 'vitest';
import { TroupeError, createLinkedPair } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { methodNotFound } from '@troupe/protocol-stdio';
import { RpcEndpoint, RpcFailure } from '@troupe/plugin-stdio';

/** An endpoint on one end of the in-memory linked pair; the test plays the peer on the other. */
async function overMemory(mode: 'serve' | 'drive', request: (method: string) => unknown = (m) => { throw new RpcFailure(methodNotFound(m)); }) {
  const clock = new SimulatedClock();
  const [mine, theirs] = createLinkedPair<string>();
  const seen: Record<string, unknown>[] = [];
  theirs.onmessage = (line) => seen.push(JSON.parse(line) as Record<string, unknown>);
  await theirs.start();
  const ep = new RpcEndpoint(mine, { mode, clock, cancelTimeoutMs: 500 });
  ep.start({ request: (method) => request(method), notification: () => {} });
  await flushMicrotasks();
  return { ep, clock, seen, peer: theirs };
}

describe('issue 8: RpcEndpoint over the in-memory linked pair (a Transport, no pipes)', () => {
  it('issue 8: a request the peer never answers is cancelled on the simulated clock, then rejects with request_timeout', async () => {
    const { ep, clock, seen } = await overMemory('drive');
    const p = ep.request('session/load', {}, { timeoutMs: 1000 });
    const result = p.catch((e: unknown) => e);
    await flushMicrotasks();
    expect(seen).toEqual([expect.objectContaining({ id: 0, method: 'session/load' })]);
    clock.advance(999);
    await flushMicrotasks();
    expect(seen).toHaveLength(1);
    clock.advance(1);
    await flushMicrotasks();
    expect(seen[1]).toMatchObject({ method: '$/cancel_request', params: { requestId: 0 } });
    clock.advance(500);
    expect(TroupeError.is(await result, 'request_timeout')).toBe(true);
  });

  it('issue 8: serve mode answers requests and bad frames over any Transport, and a peer close fails what is pending', async () => {
    const { ep, seen, peer } = await overMemory('serve', () => ({ pong: true }));
    await peer.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    await peer.send('{not json');
    await flushMicrotasks(6);
    expect(seen).toEqual([
      { jsonrpc: '2.0', id: 1, result: { pong: true } },
      expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32700 }) }),
    ]);
    const pending = ep.request('fs/read_text_file', {}, { timeoutMs: undefined }).catch((e: unknown) => e);
    await peer.close();
    const err = await pending;
    expect(TroupeError.is(err, 'connection_closed')).toBe(true);
    expect(ep.closedError).toBeDefined();
  });
});
