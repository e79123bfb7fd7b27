import { describe, expect, it } from 'vitest';
import { createLinkedPair, createSystem, type PluginHost } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { resolveConfig } from '@troupe/plugin-relay';
import { PeerManager } from '../src/peer/peer-manager.js';
import type { PeerEntry } from '../src/peer/peer-entry.js';

/** A PluginHost from a real system on a simulated clock (the host a relay node would get). */
async function hostOn(clock: SimulatedClock): Promise<{ host: PluginHost; shutdown: () => Promise<void> }> {
  let captured: PluginHost | undefined;
  const system = await createSystem({ clock, plugins: [{ name: 'probe', start: (h) => { captured = h; }, stop: () => undefined }] });
  if (!captured) throw new Error('plugin host not captured');
  return { host: captured, shutdown: () => system.shutdown({ deadlineMs: 10 }) };
}

describe('issue 8: the relay peer manager over a Transport (in-memory linked pair, SimulatedClock)', () => {
  it('issue 8: an accepted host-side peer gets our card first, its frames reach the node, and after its close the entry is kept for closedPeerRetentionMs on the clock, then removed', async () => {
    const clock = new SimulatedClock();
    const { host, shutdown } = await hostOn(clock);
    const frames: string[] = [];
    const events: string[] = [];
    const peers = new PeerManager(host, resolveConfig({ port: 0, pingMs: 0, closedPeerRetentionMs: 60_000 }), {
      cardFrameText: () => '{"type":"card","name":"Us"}',
      frame: (_p: PeerEntry, text: string) => frames.push(text),
      connected: (p: PeerEntry) => events.push(`up ${p.id}`),
      disconnected: (p: PeerEntry) => events.push(`down ${p.id}`),
      relayFallback: () => undefined,
    }, () => 'tok_test');
    const [ours, theirs] = createLinkedPair<string>();
    const seen: string[] = [];
    theirs.onmessage = (f) => seen.push(f);
    await theirs.start();
    const peer = peers.accept(ours, 'direct');
    await flushMicrotasks(6);
    expect(seen).toEqual(['{"type":"card","name":"Us"}']);
    expect(peer.connected).toBe(true);
    await theirs.send('{"type":"acp.message","message_id":"m1","parts":[]}');
    await flushMicrotasks(6);
    expect(frames).toEqual(['{"type":"acp.message","message_id":"m1","parts":[]}']);
    await theirs.close();
    await flushMicrotasks(6);
    expect(events).toEqual([`up ${peer.id}`, `down ${peer.id}`]);
    expect(peers.get(peer.id)).toBe(peer);
    clock.advance(59_999);
    expect(peers.get(peer.id)).toBe(peer);
    clock.advance(1);
    expect(peers.get(peer.id)).toBeUndefined();
    peers.stop();
    await shutdown();
  });
});
