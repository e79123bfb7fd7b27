import type { Clock, TimerHandle } from '../ports/clock.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * A clock that only moves when told to. Timers fire in time order (ties in creation order) as
 * `advance` passes them; a timer scheduled by a firing timer fires in the same advance if due.
 *
 * @example
 * const clock = new SimulatedClock();
 * clock.setTimeout(() => done(), 1000);
 * clock.advance(1000); // fires
 */
export class SimulatedClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: Timer = { id: ++this.seq, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Number of timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  /** Advances to the next pending timer and fires it; returns false when none is pending. */
  step(): boolean {
    const next = this.nextDue(Number.POSITIVE_INFINITY);
    if (!next) return false;
    this.advance(next.at - this.current);
    return true;
  }

  /**
   * Advances by `ms` in small slices and lets promise callbacks run between them, for code that
   * awaits between timers (restart backoff, retries).
   */
  async advanceAsync(ms: number, slices = 10): Promise<void> {
    const slice = ms / slices;
    for (let i = 0; i < slices; i++) {
      await flushMicrotasks();
      this.advance(slice);
    }
    await flushMicrotasks();
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }
}

/** Lets pending promise callbacks and a macrotask turn run. */
export async function flushMicrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}
