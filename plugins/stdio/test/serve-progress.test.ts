import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, progress, text, type ActorSystem } from '@troupe/runtime';
import { serveStdio } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

describe('serve: progress parts', () => {
  it('issue 10: with progress as thoughts, notes show before the answer and never between its chunks, so the answer stays one piece', async () => {
    system = await createSystem({});
    const peer = new WirePeer();
    // A pipeline-like stream: stage notes, then the answer streamed with notes in between.
    const agent = () => [progress('research 1 of 2'), progress('research 2 of 2'), text('Sea'), progress('editing 2 of 4'), text(' otters'), progress('editing 4 of 4'), text(' sleep.')];
    await serveStdio(agent, { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: () => {}, progress: 'thought' });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1 } });
    await peer.response(1);
    peer.send({ jsonrpc: '2.0', id: 2, method: 'session/new', params: { cwd: '/tmp', mcpServers: [] } });
    const sessionId = ((await peer.response(2))['result'] as { sessionId: string }).sessionId;
    peer.send({ jsonrpc: '2.0', id: 3, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'otters' }] } });
    expect((await peer.response(3))['result']).toEqual({ stopReason: 'end_turn' });
    const updates = peer.frames.filter((f) => f['method'] === 'session/update').map((f) => (f['params'] as { update: { sessionUpdate: string; content: { text: string } } }).update);
    expect(updates.map((u) => u.sessionUpdate)).toEqual(['agent_thought_chunk', 'agent_thought_chunk', 'agent_message_chunk', 'agent_message_chunk', 'agent_message_chunk']);
    expect(updates.filter((u) => u.sessionUpdate === 'agent_message_chunk').map((u) => u.content.text).join('')).toBe('Sea otters sleep.');
  });
});
