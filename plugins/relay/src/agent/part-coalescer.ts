import type { Clock, Part, TimerHandle } from '@troupe/runtime';

/** How a hosted agent's streamed parts are grouped into frames. */
export interface CoalescePolicy {
  /** At most one flush per window after the first part. Default 20 ms. */
  readonly windowMs: number;
  /** A batch this large (approximate characters) goes out at once. Default 32,768. */
  readonly maxChars: number;
}

/** The default policy: ≤ 50 frames per second per turn, first part at once. */
export const DEFAULT_COALESCE: CoalescePolicy = { windowMs: 20, maxChars: 32_768 };

/**
 * Groups the parts of one streamed answer into batches so the frame rate stays bounded: the first
 * part of a quiet period goes out at once (low first-part latency) and opens a window; parts that
 * arrive within it wait for its end, or go out early once the batch is `maxChars` big. Time only
 * through the node's clock.
 *
 * @example
 * const c = new PartCoalescer(clock, DEFAULT_COALESCE, (parts) => send(parts));
 * c.push(text('a')); // sent now
 * c.push(text('b')); // sent when the window ends
 * const rest = c.drain(); // at the end of the turn: whatever still waits
 */
export class PartCoalescer {
  private batch: Part[] = [];
  private chars = 0;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly policy: CoalescePolicy,
    private readonly flush: (parts: Part[]) => void,
  ) {}

  push(part: Part): void {
    this.batch.push(part);
    this.chars += sizeOf(part);
    if (this.timer === undefined) {
      this.emit();
      this.open();
    } else if (this.chars >= this.policy.maxChars) {
      this.emit();
    }
  }

  /** Ends the stream: stops the window and returns the parts still waiting. */
  drain(): Part[] {
    this.close();
    const rest = this.batch;
    this.batch = [];
    this.chars = 0;
    return rest;
  }

  /** Drops whatever waits (the turn was cancelled). */
  close(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      // A window that collected parts flushes them and opens the next; a quiet one just ends.
      if (this.batch.length === 0) return;
      this.emit();
      this.open();
    }, this.policy.windowMs);
  }

  private emit(): void {
    if (this.batch.length === 0) return;
    const parts = this.batch;
    this.batch = [];
    this.chars = 0;
    this.flush(parts);
  }
}

/** Rough size of a part on the wire, only to bound batches (no serialization per part). */
function sizeOf(part: Part): number {
  return part.type === 'text' ? part.text.length + 32 : 256;
}
