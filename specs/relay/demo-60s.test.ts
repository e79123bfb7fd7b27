import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, sse, until } from '@troupe/plugin-relay/testing';
import { CLI, startRelayProcess, type RelayProcess } from './cli-process.js';

const procs: RelayProcess[] = [];
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop()));
});

describe.skipIf(!existsSync(CLI))('the 60-second demo, driven through the CLI with curl-equivalent requests', () => {
  it('two `troupe relay` nodes: connect, send, stream, card', async () => {
    const A = await startRelayProcess(['--name', 'AgentA', '--port', '0']);
    procs.push(A);
    const B = await startRelayProcess(['--name', 'AgentB', '--port', '0']);
    procs.push(B);
    expect(A.link).toMatch(/^acp:\/\/127\.0\.0\.1:\d+\/tok_[0-9a-f]{16}$/);
    // Terminal 3: curl -sN http://127.0.0.1:7901/stream
    const stream = sse(A.api);
    await stream.headers;
    // curl -X POST http://127.0.0.1:7902/peers/connect -d '{"link":"acp://…"}'
    const connect = await post(B.api, '/peers/connect', { link: A.link });
    expect(connect.body).toMatchObject({ ok: true, peer_id: 'peer_001', connecting_to: A.link });
    await until(async () => (await get(B.api, '/peers')).body.peers[0]?.ws_ready, 10_000, 'B connected');
    // curl -X POST http://127.0.0.1:7902/message:send -d '{"role":"user","text":"hello A"}'
    const sent = await post(B.api, '/message:send', { role: 'user', text: 'hello A' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ ok: true, server_seq: 1 });
    const event = await until(() => stream.events.find((e) => e.type === 'message'), 10_000, 'SSE message on A');
    expect(event).toMatchObject({ from: 'AgentB', role: 'user', parts: [{ type: 'text', content: 'hello A' }], direction: 'inbound' });
    expect(stream.events[0]).toMatchObject({ type: 'peer', event: 'connected', seq: 1 });
    // curl http://127.0.0.1:7901/.well-known/acp.json
    const card = await get(A.api, '/.well-known/acp.json');
    expect(card.body.self).toMatchObject({ name: 'AgentA', acp_version: '2.19.0' });
    expect(card.body.peer).toMatchObject({ name: 'AgentB' });
    // and the reverse direction, as in the demo's last step
    await post(A.api, '/message:send', { role: 'agent', text: 'hello B' });
    const inbound = await until(async () => (await get(B.api, '/history')).body.history[0]);
    expect(inbound).toMatchObject({ role: 'agent', parts: [{ type: 'text', content: 'hello B' }], raw: { from: 'AgentA' } });
    stream.close();
  }, 30_000);

  it('--join dials at start and SIGTERM stops the node', async () => {
    const A = await startRelayProcess(['--name', 'AgentA', '--port', '0', '--secret', 's3cr3t']);
    procs.push(A);
    const B = await startRelayProcess(['--name', 'AgentB', '--port', '0', '--secret', 's3cr3t', '--join', A.link]);
    procs.push(B);
    await until(async () => (await get(A.api, '/status')).body.peer_count === 1, 10_000, 'joined');
    await post(B.api, '/message:send', { role: 'user', text: 'signed hello', message_id: 'j-1' });
    const entry = await until(async () => (await get(A.api, '/recv')).body.messages.find((m: any) => m.message_id === 'j-1'));
    expect(entry.verified).toEqual(['hmac']);
    await B.stop();
    expect(B.child.exitCode === 0 || B.child.signalCode !== null).toBe(true);
  }, 30_000);

  it('--agent hosts an agent module: a synchronous send from a peer gets its answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-agent-'));
    const module = join(dir, 'echo-agent.mjs');
    writeFileSync(module, "export default function echo(message) { return 'echo: ' + message.parts.map((p) => p.text ?? '').join(''); }\n");
    try {
      const E = await startRelayProcess(['--name', 'Echo', '--port', '0', '--agent', module]);
      procs.push(E);
      const C = await startRelayProcess(['--name', 'Caller', '--port', '0', '--join', E.link]);
      procs.push(C);
      await until(async () => (await get(C.api, '/status')).body.peer_count === 1, 10_000, 'joined');
      const res = await post(C.api, '/message:send', { role: 'user', text: 'ping', sync: true, timeout: 10 });
      expect(res.status).toBe(200);
      expect(res.body.reply).toMatchObject({ type: 'acp.reply', from: 'Echo', parts: [{ type: 'text', content: 'echo: ping' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
