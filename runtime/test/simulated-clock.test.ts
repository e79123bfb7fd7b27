import { describe, expect, it } from 'vitest';
import { sleep } from '@troupe/runtime';
import { SimulatedClock } from '@troupe/runtime/testing';

describe('SimulatedClock', () => {
  it('fires timers in time order as time advances, including ones scheduled while firing', () => {
    const clock = new SimulatedClock(100);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 200);
    clock.setTimeout(() => { fired.push('a@150'); clock.setTimeout(() => fired.push('c@170'), 20); }, 50);
    const cancelled = clock.setTimeout(() => fired.push('never'), 10);
    clock.clearTimeout(cancelled);
    clock.advance(100);
    expect(fired).toEqual(['a@150', 'c@170']);
    expect(clock.now()).toBe(200);
    expect(clock.step()).toBe(true);
    expect(fired).toEqual(['a@150', 'c@170', 'b@300']);
    expect(clock.step()).toBe(false);
  });

  it('drives sleep(), which an abort signal interrupts', async () => {
    const clock = new SimulatedClock();
    let woke = false;
    const s = sleep(clock, 1_000).then(() => { woke = true; });
    await clock.advanceAsync(999);
    expect(woke).toBe(false);
    await clock.advanceAsync(1);
    await s;
    expect(woke).toBe(true);
    const ctl = new AbortController();
    const aborted = sleep(clock, 1_000, ctl.signal);
    ctl.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });
});
