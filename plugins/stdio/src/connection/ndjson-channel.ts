import { TroupeError } from '@troupe/runtime';
import { DEFAULT_MAX_MESSAGE_BYTES, HARD_MAX_OUTBOUND_BYTES, LineDecoder, encodeFrame, type OversizeEvent, type RpcMessage } from '@troupe/protocol-stdio';
import { ACP_ERRORS } from '../errors.js';

/** The byte source of a channel: a Node readable (process.stdin, a child's stdout). */
export interface FrameSource {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The byte sink of a channel: a Node writable (the real stdout, a child's stdin). */
export interface FrameSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  readonly writableLength?: number;
  end?(): unknown;
}

/** Options of {@link NdjsonChannel}. */
export interface NdjsonChannelOptions {
  /** Longest line accepted and written, in bytes. Default 32 MiB (never more than 32 MiB out). */
  readonly maxMessageBytes?: number;
  /** `send` waits for drain once this many bytes are unwritten. Default 1 MiB (§3.7). */
  readonly highWaterMark?: number;
}

/** What the channel reports upwards. Set before `start`. */
export interface ChannelHandlers {
  line(text: string): void;
  oversize(event: OversizeEvent): void;
  /** Input ended (EOF) or an output error (EPIPE) made the peer unreachable. Fires once. */
  closed(reason: string, error?: Error): void;
}

/**
 * NDJSON over a pair of byte streams (spec §3.1, §3.7). Reading is linear (LineDecoder); writing
 * goes through one serialized writer that coalesces the frames of one event-loop turn into a
 * single `write` (one syscall for a burst of 100k chunks instead of 100k) and honours `drain`.
 *
 * @example
 * const ch = new NdjsonChannel(child.stdout, child.stdin);
 * ch.start({ line: (t) => handle(t), oversize: () => {}, closed: () => {} });
 * await ch.send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId: 's' } });
 */
export class NdjsonChannel {
  readonly maxMessageBytes: number;
  private readonly highWaterMark: number;
  private readonly decoder: LineDecoder;
  private handlers: ChannelHandlers | undefined;
  // Lines queued since the last write, joined once per write. Not one concatenated string: a rope
  // (two-three cons nodes per line) stays unflattened inside the sink's buffer until the bytes go
  // out, so when a synchronous producer outruns the pipe (an agent returning 100k parts at once)
  // millions of cons nodes survive young-generation GCs; `join` makes one flat string right away.
  private pending: string[] = [];
  private pendingChars = 0;
  private flushScheduled = false;
  private drainWaiters: (() => void)[] = [];
  private waitingDrain = false;
  private isClosed = false;

  constructor(private readonly source: FrameSource, private readonly sink: FrameSink, options: NdjsonChannelOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.highWaterMark = options.highWaterMark ?? 1024 * 1024;
    this.decoder = new LineDecoder({ maxMessageBytes: this.maxMessageBytes });
  }

  /** True once input ended or output failed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Starts reading. */
  start(handlers: ChannelHandlers): void {
    this.handlers = handlers;
    this.source.on('data', (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (const ev of this.decoder.push(bytes)) this.deliver(ev);
    });
    this.source.on('end', () => {
      for (const ev of this.decoder.end()) this.deliver(ev);
      this.close('end of input');
    });
    this.source.on('close', () => this.close('input closed'));
    this.source.on('error', (err) => this.close('input error', err));
    // EPIPE and friends: the peer stopped reading; that is the same as EOF (§3.6 step 5).
    this.sink.on('error', (err) => this.close('output error', err));
  }

  private deliver(ev: ReturnType<LineDecoder['push']>[number]): void {
    if (ev.kind === 'line') this.handlers?.line(ev.text);
    else this.handlers?.oversize(ev);
  }

  /** Stops reading (inbound back-pressure, §18.2). */
  pause(): void {
    this.source.pause();
  }

  resume(): void {
    this.source.resume();
  }

  /**
   * Queues one frame. Rejects with `message_too_large` (nothing written) for an over-long frame and
   * with `connection_closed` once closed; otherwise resolves when the unwritten bytes are below the
   * high-water mark, so a fast producer is slowed down rather than buffered without bound.
   */
  send(message: RpcMessage): Promise<void> {
    const err = this.enqueue(message);
    if (err) return Promise.reject(err);
    return this.unwritten() < this.highWaterMark ? Promise.resolve() : new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Back-pressure for producers that enqueue without `send`: undefined while fewer than the
   * high-water mark of bytes are unwritten, else a promise that resolves once the output drained
   * below it (or the channel closed). Hand it to `ask({ ready })` so a slow reader slows the agent.
   */
  ready(): Promise<void> | undefined {
    if (this.isClosed || this.unwritten() < this.highWaterMark) return undefined;
    this.flush();
    if (this.unwritten() < this.highWaterMark) return undefined;
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Like `send` without the back-pressure promise; returns the error instead of rejecting. */
  enqueue(message: RpcMessage): TroupeError | undefined {
    if (this.isClosed) return new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP connection is closed');
    const encoded = encodeFrame(message, this.maxMessageBytes);
    if (!encoded.ok) {
      return encoded.reason === 'message_too_large'
        ? new TroupeError(ACP_ERRORS.messageTooLarge, `frame of ${encoded.bytes} bytes exceeds the ${encoded.limit}-byte limit`, { details: { bytes: encoded.bytes, limit: encoded.limit } })
        : new TroupeError('INVALID_MESSAGE', `frame is not JSON-serialisable: ${encoded.detail}`);
    }
    this.push(encoded.line);
    return undefined;
  }

  /**
   * Queues a line the caller encoded itself (a hot-path frame); it must be one JSON-RPC message plus
   * `\n`. Lines over the size limit are refused like in `enqueue`.
   */
  enqueueLine(line: string): TroupeError | undefined {
    if (this.isClosed) return new TroupeError(ACP_ERRORS.connectionClosed, 'the ACP connection is closed');
    if (line.length * 3 > Math.min(this.maxMessageBytes, HARD_MAX_OUTBOUND_BYTES) && Buffer.byteLength(line) - 1 > Math.min(this.maxMessageBytes, HARD_MAX_OUTBOUND_BYTES)) {
      return new TroupeError(ACP_ERRORS.messageTooLarge, `frame of ${Buffer.byteLength(line) - 1} bytes exceeds the size limit`);
    }
    this.push(line);
    return undefined;
  }

  private push(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= this.highWaterMark) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      // A quiet connection flushes at the end of the current job (latency: a response goes out now);
      // one that flushed many times within the last millisecond (a producer awaiting between
      // emissions) waits for the next macrotask, so the stream becomes a few large writes.
      const now = performance.now();
      if (now - this.windowStart > 1) {
        this.windowStart = now;
        this.flushesInWindow = 0;
      }
      if (++this.flushesInWindow <= 16) queueMicrotask(this.flushTask);
      else setImmediate(this.flushTask);
    }
  }

  private windowStart = 0;
  private flushesInWindow = 0;
  private readonly flushTask = (): void => this.flush();

  private unwritten(): number {
    return this.pendingChars + (this.sink.writableLength ?? 0);
  }

  /** Writes everything queued now. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.isClosed) return;
    const data = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    let ok: boolean;
    try {
      ok = this.sink.write(data);
    } catch (err) {
      this.close('output error', err instanceof Error ? err : new Error(String(err)));
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
    if (this.unwritten() >= this.highWaterMark) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Marks the channel closed (idempotent) and tells the handler once. */
  close(reason: string, error?: Error): void {
    if (this.isClosed) return;
    this.flush();
    this.isClosed = true;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
    this.handlers?.closed(reason, error);
  }

  /** Flushes and ends the output (closing the peer's stdin in drive mode). */
  endOutput(): void {
    this.flush();
    try {
      this.sink.end?.();
    } catch {
      // already destroyed: nothing left to end
    }
  }
}
