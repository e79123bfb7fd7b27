import { describe, expect, it } from 'vitest';
import { text, type Part } from '@troupe/runtime';
import { SimulatedClock } from '@troupe/runtime/testing';
import { PartCoalescer } from '../src/agent/part-coalescer.js';

const words = (batches: Part[][]) => batches.map((b) => b.map((p) => (p.type === 'text' ? p.text : '?')).join(''));

describe('issue 8: streamed parts are coalesced so the frame rate stays bounded', () => {
  it('issue 8: the first part goes at once; later ones wait for the window; a quiet window ends', () => {
    const clock = new SimulatedClock();
    const sent: Part[][] = [];
    const c = new PartCoalescer(clock, { windowMs: 20, maxChars: 10_000 }, (parts) => sent.push(parts));
    c.push(text('a'));
    expect(words(sent)).toEqual(['a']);
    for (const w of ['b', 'c', 'd']) c.push(text(w));
    expect(words(sent)).toEqual(['a']);
    clock.advance(20);
    expect(words(sent)).toEqual(['a', 'bcd']);
    clock.advance(20);
    expect(clock.pending).toBe(0);
    c.push(text('e'));
    expect(words(sent)).toEqual(['a', 'bcd', 'e']);
  });

  it('issue 8: 1,000 parts over 100 ms make at most one frame per window (plus the first)', () => {
    const clock = new SimulatedClock();
    let frames = 0;
    const c = new PartCoalescer(clock, { windowMs: 20, maxChars: 1_000_000 }, () => { frames += 1; });
    for (let i = 0; i < 1000; i++) {
      c.push(text('x'));
      clock.advance(0.1);
    }
    expect(frames).toBeLessThanOrEqual(1 + 100 / 20);
    expect(c.drain().length).toBeGreaterThan(0);
  });

  it('issue 8: a batch reaching maxChars goes out early; drain returns what waits and stops the timer', () => {
    const clock = new SimulatedClock();
    const sent: Part[][] = [];
    const c = new PartCoalescer(clock, { windowMs: 20, maxChars: 100 }, (parts) => sent.push(parts));
    c.push(text('first'));
    c.push(text('x'.repeat(80)));
    expect(sent).toHaveLength(2);
    c.push(text('tail'));
    expect(words([c.drain()])).toEqual(['tail']);
    expect(clock.pending).toBe(0);
  });
});
