import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { serveStdio } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

describe('serve: the served agent is a permanent child', () => {
  it('issue 9.5: an agent that fails past its restart limit is restarted, not stopped for good, and answers again', async () => {
    // At most one restart allowed: the third failure would stop a limited child for good.
    system = await createSystem({ supervision: { maxRestarts: 1, withinMs: 60_000, backoff: { minMs: 0, maxMs: 5, jitter: 0 } } });
    let calls = 0;
    const agent = () => {
      calls += 1;
      if (calls <= 4) throw new Error(`failure ${calls}`);
      return 'recovered';
    };
    const peer = new WirePeer();
    await serveStdio(agent, { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {} });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1 } });
    await peer.response(1);
    peer.send({ jsonrpc: '2.0', id: 2, method: 'session/new', params: { cwd: '/tmp', mcpServers: [] } });
    const sessionId = ((await peer.response(2))['result'] as { sessionId: string }).sessionId;
    for (let id = 3; id <= 7; id += 1) {
      peer.send({ jsonrpc: '2.0', id, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: `try ${id}` }] } });
      const answer = await peer.response(id);
      if (id < 7) expect(answer['error'], `prompt ${id}`).toBeDefined();
      else expect(answer['result']).toEqual({ stopReason: 'end_turn' });
    }
    const chunks = peer.frames.filter((f) => f['method'] === 'session/update').map((f) => (f['params'] as { update: { content?: { text?: string } } }).update.content?.text);
    expect(chunks).toContain('recovered');
  });
});
