import { afterEach, describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import { createSystem, text, textOf, type ActorRef, type ActorSystem, type Part } from '@troupe/runtime';
import { pipeline } from '@troupe/actors';
import { serveStdio } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

/** A pipeline whose middle stage works until its signal fires, then winds down; the last stage must never start. */
function stages(sys: ActorSystem): { flow: ReturnType<typeof pipeline>; started: Promise<void>; probe: { aborted: boolean; lastStarted: boolean } } {
  const probe = { aborted: false, lastStarted: false };
  let markStarted!: () => void;
  const started = new Promise<void>((r) => { markStarted = r; });
  const first = sys.spawn((m) => textOf(m).toUpperCase(), { name: 'first' });
  const slow = sys.spawn((_m, ctx) => new Observable<Part>((sub) => {
    markStarted();
    ctx.signal.addEventListener('abort', () => {
      probe.aborted = true;
      sub.next(text('partial'));
      sub.complete();
    }, { once: true });
  }), { name: 'slow' });
  const last = sys.spawn(() => { probe.lastStarted = true; return 'too late'; }, { name: 'last' });
  return { flow: pipeline(first, slow, last), started, probe };
}

describe('serve: a workflow as the served agent', () => {
  it.each(['direct', 'spawned'] as const)('issue 8.1: session/cancel on a served pipeline (%s) aborts the running stage, starts no later one and ends the turn without waiting out the grace period', async (mode) => {
    system = await createSystem({});
    const { flow, started, probe } = stages(system);
    const target: ActorRef = mode === 'direct' ? flow : system.spawn(flow, { name: 'flow' });
    const peer = new WirePeer();
    // A grace period longer than the test's timeout: the turn can only end because the stage stopped.
    await serveStdio(target, { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {}, cancelGraceMs: 600_000 });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1, clientCapabilities: {} } });
    await peer.response(1);
    peer.send({ jsonrpc: '2.0', id: 2, method: 'session/new', params: { cwd: '/tmp', mcpServers: [] } });
    const sessionId = ((await peer.response(2))['result'] as { sessionId: string }).sessionId;
    peer.send({ jsonrpc: '2.0', id: 3, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'hello' }] } });
    await started;

    peer.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
    expect(await peer.response(3)).toMatchObject({ result: { stopReason: 'cancelled' } });
    expect(probe.aborted).toBe(true);
    expect(probe.lastStarted).toBe(false);
  });
});
