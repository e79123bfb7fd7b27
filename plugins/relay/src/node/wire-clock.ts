import type { Clock } from '@troupe/runtime';
import { formatTimestamp } from '@troupe/protocol-relay';

/**
 * Wire timestamps (§1.4) from the actor clock, formatted once per millisecond: a busy node stamps
 * a frame, an event and a deque record per message, usually within the same millisecond.
 *
 * @example
 * const ts = wireClock(clock);
 * ts.now(); // '2026-11-21T16:24:36.667000Z'
 */
export function wireClock(clock: Clock): { now(): string; ms(): number } {
  let lastMs = Number.NaN;
  let lastText = '';
  return {
    ms: () => clock.now(),
    now(): string {
      const ms = clock.now();
      if (ms !== lastMs) {
        lastMs = ms;
        lastText = formatTimestamp(ms);
      }
      return lastText;
    },
  };
}
