import { TroupeError } from '@troupe/runtime';
import type { LineSplitter, SplitEvent } from './line-splitter.js';
import type { LineTransport } from './line-transport.js';

/** The byte source of a transport: a Node readable (process.stdin, a child's stdout, a socket). */
export interface ByteSource {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The byte sink of a transport: a Node writable (the real stdout, a child's stdin, a socket). */
export interface ByteSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  readonly writableLength?: number;
  end?(): unknown;
}

/** Options of {@link NdjsonTransport}. */
export interface NdjsonTransportOptions {
  /** Splits the input into lines and bounds their size (the protocol's framing rules). */
  readonly splitter: LineSplitter;
  /** Longest line written, in UTF-8 bytes; longer ones are refused with `FRAME_TOO_LARGE`. Default 32 MiB. */
  readonly maxLineBytes?: number;
  /** `send` waits for drain once this many bytes are unwritten. Default 1 MiB. */
  readonly highWaterMark?: number;
}

type State = 'new' | 'open' | 'closed';

const RESOLVED = Promise.resolve();

/**
 * Newline-delimited frames over a pair of byte streams, as a `Transport<string>` of lines (without
 * their terminator). Reading goes through the protocol's {@link LineSplitter}; an over-long inbound
 * line is dropped and reported through `onerror` as `FRAME_TOO_LARGE` (details: `bytes`, `head`).
 * Writing goes through one serialized writer that coalesces the lines of one event-loop turn into
 * a single `write` (one syscall for a burst of 100k chunks) and honours `drain`. End of input, a
 * read error or an output error (EPIPE: the peer stopped reading) close the transport.
 *
 * @example
 * const t = new NdjsonTransport(child.stdout, child.stdin, { splitter: new LineDecoder() });
 * t.onmessage = (line) => handle(JSON.parse(line));
 * await t.start();
 * await t.send('{"jsonrpc":"2.0","method":"session/cancel","params":{"sessionId":"s"}}');
 */
export class NdjsonTransport implements LineTransport {
  onmessage?: ((frame: string) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;
  closeReason: string | undefined;
  closeCause: Error | undefined;
  private readonly maxLineBytes: number;
  private readonly highWaterMark: number;
  private readonly splitter: LineSplitter;
  private state: State = 'new';
  // Lines queued since the last write, joined once per write. Not one concatenated string: a rope
  // stays unflattened inside the sink's buffer until the bytes go out, so when a synchronous
  // producer outruns the pipe millions of cons nodes survive young-generation GCs; `join` makes
  // one flat string right away.
  private pending: string[] = [];
  private pendingChars = 0;
  private flushScheduled = false;
  private drainWaiters: (() => void)[] = [];
  private waitingDrain = false;
  private windowStart = 0;
  private flushesInWindow = 0;
  private readonly flushTask = (): void => this.flush();

  constructor(private readonly source: ByteSource, private readonly sink: ByteSink, options: NdjsonTransportOptions) {
    this.splitter = options.splitter;
    this.maxLineBytes = options.maxLineBytes ?? 32 * 1024 * 1024;
    this.highWaterMark = options.highWaterMark ?? 1024 * 1024;
    // From the start, not from start(): a stream error with no listener is thrown by the stream
    // (an EPIPE on a child that died before the transport was started would end the process).
    source.on('error', (err) => this.shut('input error', err));
    // EPIPE and friends: the peer stopped reading, which is the same as the end of its input.
    sink.on('error', (err) => this.shut('output error', err));
  }

  /** Starts reading. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new TroupeError('TRANSPORT_CLOSED', `start() called on a ${this.state} transport`);
    this.state = 'open';
    this.source.on('data', (chunk) => {
      if (this.state !== 'open') return;
      this.deliver(this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    });
    this.source.on('end', () => {
      if (this.state !== 'open') return;
      this.deliver(this.splitter.end());
      this.shut('end of input');
    });
    this.source.on('close', () => this.shut('input closed'));
  }

  private deliver(events: readonly SplitEvent[]): void {
    for (const ev of events) {
      if (this.state !== 'open') return;
      if (ev.kind === 'line') this.onmessage?.(ev.text);
      else this.onerror?.(new TroupeError('FRAME_TOO_LARGE', `inbound line of ${ev.bytes} bytes over the limit dropped`, { details: { bytes: ev.bytes, head: ev.head } }));
    }
  }

  /** Stops reading (inbound back-pressure: the peer's writes block). */
  pause(): void {
    this.source.pause();
  }

  /** Resumes reading after {@link pause}. */
  resume(): void {
    this.source.resume();
  }

  /**
   * Queues one line; resolves at once while fewer than the high-water mark of bytes are unwritten,
   * else once the output drained below it, so a fast producer is slowed down rather than buffered
   * without bound. Rejects with `TRANSPORT_CLOSED`, or `FRAME_TOO_LARGE` / `INVALID_MESSAGE` for a
   * line that cannot be written (nothing is written then).
   */
  send(line: string): Promise<void> {
    if (line.indexOf('\n') !== -1) return Promise.reject(new TroupeError('INVALID_MESSAGE', 'a line frame may not contain a newline'));
    const err = this.write(line);
    if (err) return Promise.reject(err);
    return this.unwritten() < this.highWaterMark ? RESOLVED : new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Like `send` without the back-pressure promise; returns the error instead of rejecting. The hot
   * path: it trusts the caller that `line` holds no newline (JSON text never does), because
   * scanning would flatten each line (often a rope of prefix + text + suffix) into a copy of its own.
   */
  write(line: string): TroupeError | undefined {
    if (this.state !== 'open') return new TroupeError('TRANSPORT_CLOSED', this.state === 'new' ? 'write before start()' : `the transport is closed (${this.closeReason ?? 'closed'})`);
    // Counting bytes is O(n); skip it when even 3 bytes per UTF-16 unit would fit.
    if (line.length * 3 > this.maxLineBytes) {
      const bytes = Buffer.byteLength(line);
      if (bytes > this.maxLineBytes) return new TroupeError('FRAME_TOO_LARGE', `line of ${bytes} bytes exceeds the ${this.maxLineBytes}-byte limit`, { details: { bytes, limit: this.maxLineBytes } });
    }
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= this.highWaterMark) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      // A quiet transport flushes at the end of the current job (a response goes out now); one that
      // flushed many times within the last millisecond (a producer awaiting between emissions)
      // waits for the next macrotask, so the stream becomes a few large writes.
      const now = performance.now();
      if (now - this.windowStart > 1) {
        this.windowStart = now;
        this.flushesInWindow = 0;
      }
      if (++this.flushesInWindow <= 16) queueMicrotask(this.flushTask);
      else setImmediate(this.flushTask);
    }
    return undefined;
  }

  /**
   * Back-pressure for producers that use `write`: undefined while the output keeps up, else a
   * promise that resolves once it drained below the high-water mark (or the transport closed).
   */
  ready(): Promise<void> | undefined {
    if (this.state !== 'open' || this.unwritten() < this.highWaterMark) return undefined;
    this.flush();
    if (this.unwritten() < this.highWaterMark) return undefined;
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private unwritten(): number {
    return this.pendingChars + (this.sink.writableLength ?? 0);
  }

  /** Writes everything queued now. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.state === 'closed') return;
    // A trailing empty element makes `join` end the last line too, in the one flat string it builds
    // (appending '\n' afterwards would make a rope that the write has to flatten, copying it again).
    this.pending.push('');
    const data = this.pending.join('\n');
    this.pending = [];
    this.pendingChars = 0;
    let ok: boolean;
    try {
      ok = this.sink.write(data);
    } catch (err) {
      this.shut('output error', err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (!ok && !this.waitingDrain) {
      this.waitingDrain = true;
      this.sink.once('drain', () => {
        this.waitingDrain = false;
        this.releaseWaiters();
      });
    } else if (ok) this.releaseWaiters();
  }

  private releaseWaiters(): void {
    if (this.state === 'open' && this.unwritten() >= this.highWaterMark) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Flushes and ends the output while still reading (a child's stdin closes; its last output still arrives). */
  endOutput(): void {
    this.flush();
    this.endSink();
  }

  /** Flushes, ends the output and closes; idempotent. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.flush();
    this.endSink();
    this.shut('closed locally');
  }

  private endSink(): void {
    try {
      this.sink.end?.();
    } catch {
      // already destroyed: nothing left to end
    }
  }

  /** Marks the transport closed (once), releases senders and tells `onclose`. */
  private shut(reason: string, cause?: Error): void {
    if (this.state === 'closed') return;
    if (this.state === 'open' && cause === undefined) {
      this.flush();
      if ((this.state as State) === 'closed') return; // the flush itself failed and closed
    }
    this.state = 'closed';
    this.closeReason = reason;
    this.closeCause = cause;
    this.pending = [];
    this.pendingChars = 0;
    this.releaseWaiters();
    this.onclose?.();
  }
}
