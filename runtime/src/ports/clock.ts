/** Handle returned by `Clock.setTimeout`. */
export type TimerHandle = unknown;

/**
 * Time as a port. The shape matches XState's `clock` option, so machines hosted by the runtime
 * run on the same clock as everything else (and on simulated time in tests).
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Its timers keep the process alive like any Node timer: a pending restart or ask
 * timeout must still happen even when nothing else is running.
 *
 * @example
 * const c = realClock; c.setTimeout(() => {}, 10);
 */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Lets a timer not hold the process open, where the clock's handle can (the real clock's is a
 * Node timer with `unref`); any other handle (SimulatedClock's ids) is left as it is. Kept out of
 * the `Clock` port so a clock needs nothing beyond XState's shape.
 *
 * @example
 * unrefTimer(clock.setTimeout(() => socket.destroy(), 5_000));
 */
export function unrefTimer(handle: TimerHandle): TimerHandle {
  const timer = handle as { unref?: unknown } | null;
  if (typeof timer === 'object' && timer !== null && typeof timer.unref === 'function') (timer as { unref(): void }).unref();
  return handle;
}

/** A repeating clock timer; `stop` ends it (also from inside its own tick). */
export interface RepeatingTimer {
  stop(): void;
}

/**
 * Calls `tick` every `ms` on a clock: a timer that re-arms itself (re-armed before `tick` runs,
 * so the period does not drift by the tick's own time). `unref` applies {@link unrefTimer} to
 * every armed timer.
 *
 * @example
 * const pinger = repeatEvery(clock, 20_000, () => ws.ping(), { unref: true }); pinger.stop();
 */
export function repeatEvery(clock: Clock, ms: number, tick: () => void, options: { readonly unref?: boolean } = {}): RepeatingTimer {
  let stopped = false;
  let handle: TimerHandle;
  const arm = (): void => {
    handle = clock.setTimeout(() => {
      if (stopped) return;
      arm();
      tick();
    }, ms);
    if (options.unref === true) unrefTimer(handle);
  };
  arm();
  return {
    stop: () => {
      stopped = true;
      clock.clearTimeout(handle);
    },
  };
}

/** Sleeps on a clock; rejects with the signal's reason if aborted. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
