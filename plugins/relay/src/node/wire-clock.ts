import type { Clock } from '@troupe/runtime';
import { formatTimestamp } from '@troupe/protocol-relay';

/**
 * Wire timestamps (§1.4) from the actor clock. A busy node stamps a frame, an event and a deque
 * record per message, usually within the same millisecond; `formatTimestamp` keeps the last text
 * it made, so that costs one formatting per millisecond.
 *
 * @example
 * const ts = wireClock(clock);
 * ts.now(); // '2026-11-21T16:24:36.667000Z'
 */
export function wireClock(clock: Clock): { now(): string; ms(): number } {
  return {
    ms: () => clock.now(),
    now: () => formatTimestamp(clock.now()),
  };
}
