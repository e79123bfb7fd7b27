import type { Envelope } from './envelope.js';

/**
 * A bounded FIFO ring buffer of envelopes. Storage starts small and doubles up to the capacity,
 * so an idle actor costs almost nothing and a busy one never copies on shift.
 */
export class Mailbox {
  private buf: (Envelope | undefined)[] = Array.from({ length: 8 });
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** Appends; returns false (and keeps nothing) when full. */
  push(env: Envelope): boolean {
    if (this.size >= this.capacity) return false;
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) & (this.buf.length - 1)] = env;
    this.size += 1;
    return true;
  }

  shift(): Envelope | undefined {
    if (this.size === 0) return undefined;
    const env = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size -= 1;
    return env;
  }

  /** Removes and returns everything queued, oldest first. */
  drain(): Envelope[] {
    const out: Envelope[] = [];
    for (let e = this.shift(); e; e = this.shift()) out.push(e);
    return out;
  }

  private grow(): void {
    const old = this.buf;
    const next: (Envelope | undefined)[] = Array.from({ length: old.length * 2 });
    for (let i = 0; i < this.size; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}
