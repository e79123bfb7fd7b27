/** Where a subscriber's bytes go: a write that says whether to go on, and a wait for room. */
export interface StreamSink {
  /** Writes one chunk; false when the sink wants no more until it drains. */
  write(chunk: Buffer): boolean;
  /** Calls `fn` once the sink has room again. */
  onDrain(fn: () => void): void;
}

/**
 * One live subscriber's backlog. Chunks are the event's shared encoded bytes (the same Buffer for
 * every subscriber), so a subscriber that keeps up costs nothing, and one that lags holds
 * references, not copies. While the sink is full, chunks wait here; once they exceed `maxBytes`
 * the subscriber is given up ({@link StreamBacklog} calls `overflow` once and keeps nothing),
 * instead of buffering without bound. It can resume with `?since=`.
 *
 * @example
 * const backlog = new StreamBacklog(sink, 1 << 20, (bytes) => closeSlow(bytes));
 * backlog.push(sseBytes(logged));
 */
export class StreamBacklog {
  private queue: (Buffer | undefined)[] = [];
  private head = 0;
  private queued = 0;
  private waiting = false;
  private closed = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly maxBytes: number,
    private readonly overflow: (backlogBytes: number) => void,
  ) {}

  /** Bytes waiting for the sink. */
  get bytes(): number {
    return this.queued;
  }

  push(chunk: Buffer): void {
    if (this.closed) return;
    if (!this.waiting) {
      if (!this.sink.write(chunk)) this.wait();
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > this.maxBytes) {
      const bytes = this.queued;
      this.close();
      this.overflow(bytes);
    }
  }

  /** Drops everything waiting; later pushes are ignored. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.queued = 0;
  }

  private wait(): void {
    this.waiting = true;
    this.sink.onDrain(() => this.drain());
  }

  private drain(): void {
    this.waiting = false;
    while (!this.closed && this.head < this.queue.length) {
      const chunk = this.queue[this.head] as Buffer;
      this.queue[this.head] = undefined;
      this.head += 1;
      this.queued -= chunk.length;
      if (!this.sink.write(chunk)) {
        this.wait();
        break;
      }
    }
    if (this.head === this.queue.length || this.head > 1024) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
