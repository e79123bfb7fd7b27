import { describe, expect, it } from 'vitest';
import { createLinkedPair } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { AcpClient, RpcEndpoint, type DriveEvent } from '@troupe/plugin-stdio';

/** An AcpClient on one end of the in-memory pair; the test plays an agent that never answers a prompt. */
async function silentAgent() {
  const clock = new SimulatedClock();
  const [mine, theirs] = createLinkedPair<string>();
  const seen: Record<string, unknown>[] = [];
  theirs.onmessage = (line) => {
    const msg = JSON.parse(line) as { id?: number; method?: string };
    seen.push(msg);
    if (msg.method === 'initialize') void theirs.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: 1, agentCapabilities: {} } }));
    if (msg.method === 'session/new') void theirs.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { sessionId: 's-1' } }));
  };
  await theirs.start();
  const client = new AcpClient(new RpcEndpoint(mine, { mode: 'drive', clock }), { clock, cancelTimeoutMs: 300 });
  await client.initialize();
  const session = await client.newSession('/tmp');
  return { client, session, clock, seen };
}

describe('issue 8: a driven turn cancelled by its signal, on the injected clock', () => {
  it('issue 8: aborting the signal sends session/cancel; an agent that never answers is settled forced after cancelTimeoutMs of the simulated clock', async () => {
    const { client, session, clock, seen } = await silentAgent();
    const abort = new AbortController();
    const events: DriveEvent[] = [];
    let done = false;
    client.prompt(session.id, [{ type: 'text', text: 'hi' }], undefined, abort.signal).subscribe({ next: (e) => events.push(e), complete: () => { done = true; } });
    await flushMicrotasks();
    abort.abort();
    await flushMicrotasks();
    expect(seen.at(-1)).toMatchObject({ method: 'session/cancel', params: { sessionId: 's-1' } });
    clock.advance(299);
    await flushMicrotasks();
    expect(done).toBe(false);
    clock.advance(1);
    await flushMicrotasks();
    expect(done).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'stop', stopReason: 'cancelled', forced: true });
  });
});
