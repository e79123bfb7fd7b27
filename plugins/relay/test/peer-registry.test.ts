/**
 * Issue 9.4 (registry and identity): host-side peer entries go once their socket closed, and a
 * link holder without the secret cannot change the identity of a peer that proved it holds it.
 * Real loopback sockets; attackers are raw WebSocket clients holding the link's token.
 */
import { formatTimestamp, hmacSignature } from '@troupe/protocol-relay';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CLOSED_INBOUND_PEERS } from '../src/options.js';
import { connectedPair, get, post, startNode, until, type TestNode, rawPeer } from '@troupe/plugin-relay/testing';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const peersOf = async (n: TestNode): Promise<any[]> => (await get(n.base, '/peers')).body.peers;
const SECRET = 's3cr3t';

describe('issue 9.4: peer registry and identity', () => {
  it('issue 9.4: 500 connect/close cycles with the right token leave a bounded /peers; ids are never reused', async () => {
    const A = await startNode({ name: 'Host' });
    running.push(A);
    const cycles = 500;
    for (let i = 0; i < cycles; i++) {
      const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
      await new Promise<void>((resolve) => {
        raw.ws.once('close', () => resolve());
        raw.close();
      });
    }
    await until(async () => (await peersOf(A)).every((p) => !p.connected), 5_000, 'every cycle closed');
    const left = await peersOf(A);
    expect(left.length).toBeLessThanOrEqual(MAX_CLOSED_INBOUND_PEERS);
    expect(A.plugin.node.peers.peers.size).toBeLessThanOrEqual(MAX_CLOSED_INBOUND_PEERS);
    // The newest closed entries are the ones kept, and a new connection gets a fresh id.
    expect(left.map((p) => p.id)).toContain(`peer_${String(cycles).padStart(3, '0')}`);
    const next = await rawPeer(A.plugin.port, A.plugin.node.token);
    const fresh = await until(async () => (await peersOf(A)).find((p) => p.connected));
    expect(fresh.id).toBe(`peer_${String(cycles + 1).padStart(3, '0')}`);
    next.close();
  }, 60_000);

  it('issue 9.4: a closed host-side entry is listed for closedPeerRetentionMs, then removed; dialled peers stay', async () => {
    const { A, B } = await connectedPair({ closedPeerRetentionMs: 300 }, { closedPeerRetentionMs: 300 });
    running.push(A, B);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const rawId = await until(async () => (await peersOf(A)).find((p) => p.connected && p.agent_name === null)?.id as string);
    raw.close();
    await until(async () => (await peersOf(A)).some((p) => p.id === rawId && !p.connected), 5_000, 'listed as closed');
    await until(async () => !(await peersOf(A)).some((p) => p.id === rawId), 5_000, 'removed');
    // B's entry on A (its connection is up) and A's entry on B (dialled) are untouched.
    expect((await peersOf(A)).map((p) => p.agent_name)).toEqual(['AgentB']);
    expect((await peersOf(B)).map((p) => p.agent_name)).toEqual(['AgentA']);
  });

  it('issue 9.4: a reply to a host-side peer whose entry was removed is 503, never sent to another peer', async () => {
    const A = await startNode({ name: 'Host', closedPeerRetentionMs: 50 });
    running.push(A);
    const asker = await rawPeer(A.plugin.port, A.plugin.node.token);
    asker.send({ type: 'acp.message', message_id: 'q-1', correlation_id: 'c-1', parts: [{ type: 'text', content: 'question' }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 1);
    const askerId = (await peersOf(A))[0]?.id as string;
    asker.close();
    await until(async () => !(await peersOf(A)).some((p) => p.id === askerId), 5_000, 'the asker removed');
    const other = await rawPeer(A.plugin.port, A.plugin.node.token);
    await until(async () => (await peersOf(A)).some((p) => p.connected));
    const r = await post(A.base, '/reply', { correlation_id: 'c-1', text: 'answer' });
    expect(r.status).toBe(503);
    expect(r.body.error_code).toBe('ERR_NOT_CONNECTED');
    // A reply to a correlation of a live peer still goes out (the route works), and only there.
    other.send({ type: 'acp.message', message_id: 'q-2', correlation_id: 'c-2', parts: [{ type: 'text', content: 'again' }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 2);
    expect((await post(A.base, '/reply', { correlation_id: 'c-2', text: 'answer 2' })).status).toBe(200);
    await until(() => other.frames.some((f) => f.type === 'acp.reply'));
    expect(other.frames.filter((f) => f.type === 'acp.reply').map((f) => f.correlation_id)).toEqual(['c-2']);
    other.close();
  });

  it('issue 9.4: with a secret, a link holder without it cannot change the name /status shows for a verified peer', async () => {
    const { A, B } = await connectedPair({ secret: SECRET }, { secret: SECRET });
    running.push(A, B);
    expect((await get(A.base, '/status')).body.peer_card.name).toBe('AgentB');
    const spoofer = await rawPeer(A.plugin.port, A.plugin.node.token);
    spoofer.send({ type: 'acp.agent_card', message_id: 'card_000000000001', ts: formatTimestamp(Date.now()), card: { name: 'AgentB (spoofed)' } });
    await until(async () => (await peersOf(A)).some((p) => p.agent_name === 'AgentB (spoofed)'), 5_000, 'the spoofer card taken for its own entry');
    expect((await get(A.base, '/status')).body.peer_card.name).toBe('AgentB');
    expect((await get(A.base, '/.well-known/acp.json')).body.peer.name).toBe('AgentB');
    spoofer.close();
  });

  it('issue 9.4: with a secret, an unsigned card on a connection whose frames are HMAC-verified is dropped, the identity kept', async () => {
    const A = await startNode({ name: 'Host', secret: SECRET });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const ts = formatTimestamp(Date.now());
    raw.send({ type: 'acp.agent_card', message_id: 'card_000000000001', ts, sig: hmacSignature(SECRET, 'card_000000000001', ts), card: { name: 'Real', identity: { public_key: 'k1' } } });
    raw.send({ type: 'acp.message', message_id: 'm-1', ts, sig: hmacSignature(SECRET, 'm-1', ts), parts: [{ type: 'text', content: 'hi' }] });
    await until(async () => (await get(A.base, '/status')).body.messages_received === 1);
    raw.send({ type: 'acp.agent_card', message_id: 'card_000000000002', ts, card: { name: 'Impostor' } });
    await until(async () => (await get(A.base, '/status')).body.messages_rejected === 1, 5_000, 'the unsigned card dropped');
    const [peer] = await peersOf(A);
    expect(peer.agent_name).toBe('Real');
    expect(peer.agent_card).toEqual({ name: 'Real', identity: { public_key: 'k1' } });
    expect(A.plugin.node.peers.get(peer.id)?.pinnedKey).toBe('k1');
    // A signed card may still change it (a peer that holds the secret updates its own card).
    raw.send({ type: 'acp.agent_card', message_id: 'card_000000000003', ts, sig: hmacSignature(SECRET, 'card_000000000003', ts), card: { name: 'Renamed' } });
    await until(async () => (await peersOf(A))[0]?.agent_name === 'Renamed', 5_000, 'the signed card taken');
    raw.close();
  });
});
