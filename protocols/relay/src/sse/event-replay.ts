import type { EventEnvelope } from './stream-events.js';

/**
 * Sequence numbers and `?since=` replay (§4.7). `seq` is one counter per node, starting at 1 and
 * advancing by exactly 1 per event, whether or not anyone listens.
 */

/**
 * The node's event counter.
 *
 * @example
 * const seq = new EventSequence();
 * seq.next(); // 1
 * seq.next(); // 2
 */
export class EventSequence {
  #last: number;

  /** @param last the last number already issued (0 for a fresh node). */
  constructor(last = 0) {
    this.#last = last;
  }

  /** The last number issued. */
  get last(): number {
    return this.#last;
  }

  /** Issues the next number. */
  next(): number {
    this.#last += 1;
    return this.#last;
  }
}

/** What a new `?since=N` subscriber receives before going live. */
export interface ReplayPlan<E extends EventEnvelope> {
  /** Events with `seq > since`, in order. */
  readonly events: E[];
  /** Highest `seq` replayed (or `since`): live events at or below it are skipped, so none is seen twice. */
  readonly highWater: number;
  /** Set when `since` is older than the log: the first `seq` available, for a `: replay-gap N` comment. */
  readonly gapFrom?: number;
}

/**
 * Selects the replay for `since` from the event log. Register the live subscriber first, then call
 * this, then deliver live events only when `seq > highWater`: no gap and no duplicate at the seam.
 *
 * @example
 * const plan = planReplay(log, 3);
 * plan.events.forEach(send);
 * live.subscribe((e) => { if (e.seq > plan.highWater) send(e); });
 */
export function planReplay<E extends EventEnvelope>(log: readonly E[], since: number): ReplayPlan<E> {
  const events = log.filter((e) => e.seq > since).sort((a, b) => a.seq - b.seq);
  const highWater = events.length > 0 ? (events[events.length - 1]?.seq ?? since) : since;
  const first = log.reduce((min, e) => Math.min(min, e.seq), Number.POSITIVE_INFINITY);
  const gap = Number.isFinite(first) && first > since + 1;
  return gap ? { events, highWater, gapFrom: first } : { events, highWater };
}
