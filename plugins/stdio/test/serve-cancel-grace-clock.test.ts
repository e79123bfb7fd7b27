import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { serveStdio } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

let system: ActorSystem | undefined;
let clock = new SimulatedClock();
afterEach(async () => {
  // The served actor never settles, so shutdown waits out its deadline: on simulated time.
  let done = false;
  const stopped = system?.shutdown({ deadlineMs: 0 }).then(() => { done = true; });
  for (let i = 0; i < 100 && !done; i++) {
    clock.advance(1_000);
    await flushMicrotasks(5);
  }
  await stopped;
  system = undefined;
});

describe('serve: the cancel grace period runs on the system clock', () => {
  it('issue 8: a cancelled turn whose actor ignores the abort is answered cancelled exactly when the simulated clock passes cancelGraceMs', async () => {
    clock = new SimulatedClock();
    system = await createSystem({ clock });
    const peer = new WirePeer();
    await serveStdio(() => new Promise(() => {}), { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {}, cancelGraceMs: 60_000 });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1, clientCapabilities: {} } });
    await peer.response(1);
    peer.send({ jsonrpc: '2.0', id: 2, method: 'session/new', params: { cwd: '/tmp', mcpServers: [] } });
    const { sessionId } = (await peer.response(2))['result'] as { sessionId: string };
    peer.send({ jsonrpc: '2.0', id: 3, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'a' }] } });
    await peer.settle();
    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    await peer.settle();
    const answered = (): boolean => peer.frames.some((f) => f['id'] === 3);
    clock.advance(59_999);
    await peer.settle();
    expect(answered()).toBe(false);
    clock.advance(1);
    expect(await peer.response(3)).toMatchObject({ result: { stopReason: 'cancelled' } });
  });
});
