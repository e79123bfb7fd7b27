import { describe, expect, it } from 'vitest';
import { createLinkedPair } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { PeerSocket } from '../src/peer/peer-socket.js';

describe('frames a peer socket holds before listen', () => {
  it('review: a peer that sends more than 16 Mi characters before the manager listens is closed and nothing it sent is kept', async () => {
    const [ours, theirs] = createLinkedPair<string>();
    let theirsClosed = false;
    theirs.onclose = () => { theirsClosed = true; };
    await theirs.start();
    const socket = new PeerSocket(ours, 'direct', 0, new SimulatedClock());
    await flushMicrotasks();
    const mib = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 17 && !theirsClosed; i++) {
      await theirs.send(mib).catch(() => undefined);
      await flushMicrotasks();
    }
    await flushMicrotasks();
    expect(theirsClosed).toBe(true);
    const frames: string[] = [];
    const closes: number[] = [];
    socket.listen((text) => frames.push(text), (code) => closes.push(code));
    expect(frames).toEqual([]);
    expect(closes).toEqual([1006]);
    expect(socket.send('late')).toBe(false);
  });

  it('review: frames under the bound sent before listen are delivered by it, in order', async () => {
    const [ours, theirs] = createLinkedPair<string>();
    await theirs.start();
    const socket = new PeerSocket(ours, 'direct', 0, new SimulatedClock());
    await flushMicrotasks();
    for (const text of ['a', 'b', 'c']) await theirs.send(text);
    await flushMicrotasks();
    const frames: string[] = [];
    socket.listen((text) => frames.push(text), () => undefined);
    expect(frames).toEqual(['a', 'b', 'c']);
  });
});
