import { describe, expect, it } from 'vitest';
import { memoryStore, type Store } from '@troupe/runtime';
import { DeliveryTracker } from '../src/node/delivery-tracker.js';
import { OfflineQueue } from '../src/node/offline-queue.js';
import { PeerEntry } from '../src/peer/peer-entry.js';

/** A store whose `put` waits until released, to order an ack before the kept copy is written. */
function slowPuts(): { store: Store; release: () => void } {
  const inner = memoryStore();
  const waiting: (() => void)[] = [];
  const store: Store = { ...inner, kind: 'test-durable', put: (key, value) => new Promise<void>((resolve, reject) => waiting.push(() => inner.put(key, value).then(resolve, reject))) };
  return { store, release: () => waiting.splice(0).forEach((go) => go()) };
}

const frame = (id: string) => ({ type: 'acp.message', message_id: id, parts: [{ type: 'text', content: id }] });

function setup() {
  const { store, release } = slowPuts();
  const queue = new OfflineQueue(store, 'q', 100);
  const tracker = new DeliveryTracker(queue, () => '2026-12-05T00:00:00.000Z', (e) => { throw e; }, true);
  const peer = new PeerEntry('peer_001', 'B', 'acp://127.0.0.1:1/tok_x', 'tok_x');
  peer.ackMode = 'acks';
  return { store, release, queue, tracker, peer };
}

describe('issue 9.2: an answered send is kept in the store until acknowledged', () => {
  it('keeps the frame until the ack, then deletes it', async () => {
    const { store, release, tracker, peer } = setup();
    tracker.sent(peer, frame('m1'), undefined);
    const kept = tracker.keep(peer, frame('m1'));
    release();
    await kept;
    expect(await store.entries('q/')).toHaveLength(1);
    tracker.acked(peer, ['m1']);
    await new Promise((r) => setImmediate(r));
    expect(await store.entries('q/')).toHaveLength(0);
  });

  it('an ack that comes before the kept copy is written deletes that copy once it is', async () => {
    const { store, release, tracker, peer } = setup();
    tracker.sent(peer, frame('m2'), undefined);
    const kept = tracker.keep(peer, frame('m2'));
    tracker.acked(peer, ['m2']);
    release();
    await kept;
    await new Promise((r) => setImmediate(r));
    expect(await store.entries('q/')).toHaveLength(0);
  });

  it('a volatile store or a peer without acknowledgements keeps nothing', async () => {
    const { store, tracker, peer } = setup();
    peer.ackMode = 'none';
    tracker.sent(peer, frame('m3'), undefined);
    await tracker.keep(peer, frame('m3'));
    expect(await store.entries('q/')).toHaveLength(0);
    const volatile = new DeliveryTracker(new OfflineQueue(store, 'q', 100), () => 'now', () => undefined, false);
    const other = new PeerEntry('peer_002', 'C', null, null);
    other.ackMode = 'acks';
    volatile.sent(other, frame('m4'), undefined);
    await volatile.keep(other, frame('m4'));
    expect(await store.entries('q/')).toHaveLength(0);
  });
});
