import type { Observable, Subscription } from 'rxjs';

/** Something whose reading can be paused: the agent's stdout. */
export interface FlowControl {
  pause(): void;
  resume(): void;
}

/** Options of {@link pullStream}. */
export interface PullStreamOptions {
  /** Pause reading once this many events wait for the consumer. Default 10,000 (§18.2). */
  readonly highWater?: number;
  /** Resume once the queue drained to this many. Default half of `highWater`. */
  readonly lowWater?: number;
}

/**
 * Turns a push stream fed by the agent's stdout into a pull stream with a bounded queue (spec
 * §18.2): above the high-water mark reading of stdout pauses, so the OS pipe fills and the agent's
 * writes block; below the low-water mark it resumes. Nothing is dropped and order is kept.
 * Leaving the loop early unsubscribes (which cancels the turn).
 *
 * @example
 * for await (const ev of pullStream(client.prompt(sessionId, blocks), channel)) render(ev);
 */
export function pullStream<T>(source: Observable<T>, flow: FlowControl, options: PullStreamOptions = {}): AsyncIterable<T> {
  const high = options.highWater ?? 10_000;
  const low = options.lowWater ?? Math.floor(high / 2);
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const queue: T[] = [];
      let head = 0;
      let done = false;
      let failure: { error: unknown } | undefined;
      let paused = false;
      let wake: (() => void) | undefined;
      const sub: Subscription = source.subscribe({
        next: (v) => {
          queue.push(v);
          if (!paused && queue.length - head >= high) {
            paused = true;
            flow.pause();
          }
          wake?.();
        },
        error: (error: unknown) => { failure = { error }; wake?.(); },
        complete: () => { done = true; wake?.(); },
      });
      const release = (): void => {
        if (paused) {
          paused = false;
          flow.resume();
        }
      };
      return {
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            if (head < queue.length) {
              const value = queue[head] as T;
              queue[head++] = undefined as T;
              if (head > 1024 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
              if (paused && queue.length - head <= low) release();
              return { value, done: false };
            }
            if (failure) throw failure.error;
            if (done) return { value: undefined, done: true };
            await new Promise<void>((resolve) => { wake = resolve; });
            wake = undefined;
          }
        },
        async return(): Promise<IteratorResult<T>> {
          sub.unsubscribe();
          release();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
