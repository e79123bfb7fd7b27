/** Something the scheduler can run: processes up to `budget` messages, returns how many it did. */
export interface Runnable {
  scheduled: boolean;
  run(budget: number): number;
}

/** Messages one actor handles per turn before the next actor gets the CPU (fairness). */
const THROUGHPUT = 256;
/** Messages processed in one macrotask before yielding to I/O (timers, sockets). */
const SLICE = 50_000;

/**
 * One run queue for the whole system. Actors with work are queued once; a microtask drains the
 * queue in turns of THROUGHPUT messages per actor, and after SLICE messages the rest continues in
 * a later macrotask so sockets and timers are never starved by a busy actor graph.
 */
export class Scheduler {
  private queue: Runnable[] = [];
  private head = 0;
  private pending = false;
  private running = false;

  schedule(r: Runnable): void {
    if (r.scheduled) return;
    r.scheduled = true;
    this.queue.push(r);
    if (!this.pending && !this.running) {
      this.pending = true;
      queueMicrotask(this.tick);
    }
  }

  private readonly tick = (): void => {
    this.pending = false;
    this.running = true;
    let processed = 0;
    try {
      while (this.head < this.queue.length) {
        const r = this.queue[this.head++] as Runnable;
        r.scheduled = false;
        processed += r.run(THROUGHPUT);
        if (processed >= SLICE) break;
      }
    } finally {
      this.running = false;
      if (this.head >= this.queue.length) {
        this.queue = [];
        this.head = 0;
      } else {
        if (this.head > 4096) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.pending = true;
        setImmediate(this.tick);
      }
    }
  };
}
