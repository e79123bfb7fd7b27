import type { ActorOptions, AnyActorLogic } from 'xstate';

/** XState's clock contract (not exported under its own name). */
type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * A clock for XState's `createActor(machine, { clock })`: timers fire only when the test calls
 * `advance`, in due-time order (ties in scheduling order), with `now` set to each timer's due time.
 */
export class ManualClock implements Clock {
  now = 0;
  /** Every delay ever passed to `setTimeout`, in order. */
  readonly scheduled: number[] = [];
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;

  setTimeout(fn: () => void, delay: number): number {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + delay, fn });
    this.scheduled.push(delay);
    return id;
  }

  clearTimeout(id: number): void {
    this.timers.delete(id);
  }

  /** Remaining delay of every pending timer, soonest first. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers.values()) {
        if (t.at <= end && (next === undefined || t.at < next.at)) next = t;
      }
      if (next === undefined) break;
      this.timers.delete(next.id);
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}
