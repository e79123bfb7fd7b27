import { realClock, sleep, type Clock } from '@troupe/runtime';

/** How often {@link until} looks again: black-box tests watch a node over HTTP, which has no change feed. */
const POLL_MS = 10;

/**
 * Polls until `check` returns a truthy value, or fails after `timeoutMs` naming `what`. Time comes
 * from `clock` (the real one by default: integration tests run on real sockets).
 */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 5_000, what = 'condition', clock: Clock = realClock): Promise<NonNullable<T>> {
  const started = clock.now();
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (clock.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(clock, POLL_MS);
  }
}

