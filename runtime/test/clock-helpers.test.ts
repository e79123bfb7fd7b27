import { describe, expect, it } from 'vitest';
import { realClock, repeatEvery, unrefTimer } from '@troupe/runtime';
import { SimulatedClock } from '@troupe/runtime/testing';

describe('clock helpers', () => {
  it('issue 8: repeatEvery ticks once per period on the clock and stops, also from inside a tick', () => {
    const clock = new SimulatedClock();
    const ticks: number[] = [];
    const timer = repeatEvery(clock, 100, () => {
      ticks.push(clock.now());
      if (ticks.length === 3) timer.stop();
    });
    clock.advance(99);
    expect(ticks).toEqual([]);
    clock.advance(1000);
    expect(ticks).toEqual([100, 200, 300]);
    expect(clock.pending).toBe(0);
  });

  it('issue 8: unrefTimer unrefs a real timer and leaves a simulated handle alone', () => {
    const real = realClock.setTimeout(() => undefined, 60_000) as NodeJS.Timeout;
    expect(unrefTimer(real)).toBe(real);
    expect(real.hasRef()).toBe(false);
    realClock.clearTimeout(real);
    const clock = new SimulatedClock();
    const handle = clock.setTimeout(() => undefined, 10);
    expect(unrefTimer(handle)).toBe(handle);
    const simulated = repeatEvery(clock, 10, () => undefined, { unref: true });
    expect(clock.pending).toBe(2);
    simulated.stop();
    expect(clock.pending).toBe(1);
  });
});
