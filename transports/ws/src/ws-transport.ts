import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { TroupeError, realClock, type Clock, type TimerHandle, type Transport } from '@troupe/runtime';
import { batchWrites } from './write-batching.js';

/** Options of a {@link WsTransport}. */
export interface WsTransportOptions {
  /** Ping every this many ms; a socket that missed the previous pong is terminated. 0 = no pings. */
  readonly pingMs?: number;
  /** The clock the pings run on. Default: the real clock. */
  readonly clock?: Clock;
  /**
   * Unsent bytes above which `write` refuses and `send` waits for the frame to go out; also the
   * most bytes of frames held for `start()` (past it the socket is closed 1008). Default 16 MiB.
   */
  readonly highWaterMark?: number;
}

const RESOLVED = Promise.resolve();
const OPEN = 1;

/**
 * One WebSocket (server side or dialled) as a `Transport<string>` of text frames. Binary frames
 * are refused through `onerror` (not fatal). Every socket has an 'error' listener from the start:
 * a peer's malformed frame makes ws report an error and close the socket with the matching code
 * (1002, 1007, 1009), which must never become an unhandled error (issue 9.1). Frames written in
 * one event-loop turn leave in one system call: the TCP socket (the one the upgrade handed over,
 * public in ws's 'upgrade' events) is corked from the second frame of a turn until the check phase.
 *
 * @example
 * const t = new WsTransport(ws, socket, '127.0.0.1:50123', { pingMs: 20_000 });
 * t.onmessage = (text) => handle(text);
 * await t.start();
 * t.write('{"type":"ping"}');
 */
export class WsTransport implements Transport<string> {
  onmessage?: ((frame: string) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;
  /** The close code and reason, once closed (1006: ended without a close frame). */
  closeCode: number | undefined;
  closeReason: string | undefined;
  private started = false;
  // Frames that arrived before start() (a server may speak in the same packet as its upgrade
  // answer, before a dialler's promise has even resolved): delivered, in order, by start().
  private early: string[] | undefined = [];
  private earlyBytes = 0;
  private closed = false;
  private alive = true;
  private pinger: TimerHandle | undefined;
  private clock: Clock;
  private pingMs: number;
  private readonly highWaterMark: number;

  constructor(
    readonly ws: WebSocket,
    private readonly socket: Socket | undefined,
    /** `ip:port` of the far end, IPv6 in brackets. */
    readonly remoteAddress: string,
    options: WsTransportOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.pingMs = options.pingMs ?? 0;
    this.highWaterMark = options.highWaterMark ?? 16 * 1024 * 1024;
    ws.on('error', (error: Error) => this.onerror?.(error));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.closed) return;
      if (isBinary) this.onerror?.(new TroupeError('DECODE_FAILED', 'binary frame ignored (text frames only)'));
      else if (this.early) this.hold(data);
      else this.onmessage?.(data.toString('utf8'));
    });
    ws.once('close', (code: number, reason: Buffer) => this.shut(code, reason.toString('utf8')));
  }

  /** Resolves once the socket is open (at once for an accepted one). */
  start(): Promise<void> {
    if (this.started) return Promise.reject(new TroupeError('TRANSPORT_CLOSED', 'start() called twice'));
    this.started = true;
    const early = this.early ?? [];
    this.early = undefined;
    for (const text of early) this.onmessage?.(text);
    if (this.closed || this.ws.readyState > OPEN) {
      // It closed before anyone listened: what it said, then its close, are reported now.
      this.onclose?.();
      return Promise.reject(new TroupeError('TRANSPORT_CLOSED', 'the socket is closed'));
    }
    this.schedulePing();
    if (this.ws.readyState === OPEN) return RESOLVED;
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('close', () => reject(new TroupeError('TRANSPORT_CLOSED', 'the socket closed before it opened')));
    });
  }

  /**
   * Starts (or changes) the ping loop: a ping every `pingMs` on `clock`; a socket that missed the
   * previous pong is terminated. For sockets whose owner learns the interval after accepting them.
   */
  keepAlive(pingMs: number, clock: Clock = this.clock): void {
    if (this.pinger !== undefined) this.clock.clearTimeout(this.pinger);
    this.pinger = undefined;
    this.pingMs = pingMs;
    this.clock = clock;
    if (this.started) this.schedulePing();
  }

  /** True while frames can be written. */
  get open(): boolean {
    return !this.closed && this.ws.readyState === OPEN;
  }

  /**
   * Writes one text frame; false when the socket is not open or the peer stopped reading (more
   * than the high-water mark unsent): the caller then queues or refuses instead of buffering
   * without bound.
   */
  write(text: string): boolean {
    if (!this.open || this.ws.bufferedAmount > this.highWaterMark) return false;
    batchWrites(this.socket);
    this.ws.send(text);
    return true;
  }

  /** Sends one text frame; past the high-water mark it resolves once this frame went out. */
  send(text: string): Promise<void> {
    if (!this.open) return Promise.reject(new TroupeError('TRANSPORT_CLOSED', 'the socket is not open'));
    if (this.ws.bufferedAmount <= this.highWaterMark) {
      batchWrites(this.socket);
      this.ws.send(text);
      return RESOLVED;
    }
    return new Promise((resolve, reject) => {
      this.ws.send(text, (err) => (err ? reject(new TroupeError('TRANSPORT_CLOSED', err.message, { cause: err })) : resolve()));
    });
  }

  /** Closes with `code` and `reason` (terminating a socket that cannot send a close frame); idempotent. */
  close(code = 1000, reason = ''): Promise<void> {
    if (this.closed) return RESOLVED;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // Local close: the transport is closed now, whatever the peer does with the close frame.
    this.shut(code, reason);
    return RESOLVED;
  }

  /** Ends the socket at once, without a close handshake. */
  terminate(): void {
    this.ws.terminate();
    this.shut(1006, '');
  }

  /** Keeps a frame for `start()`; a peer that sends more than the high-water mark before it is cut off. */
  private hold(data: Buffer): void {
    this.earlyBytes += data.length;
    if (this.earlyBytes <= this.highWaterMark) {
      this.early?.push(data.toString('utf8'));
      return;
    }
    this.early = [];
    void this.close(1008, 'too much sent before the connection was read');
  }

  private schedulePing(): void {
    if (this.pingMs <= 0 || this.closed) return;
    this.pinger = this.clock.setTimeout(() => {
      if (this.closed) return;
      if (!this.alive) {
        this.terminate();
        return;
      }
      this.alive = false;
      try {
        this.ws.ping();
      } catch {
        // closing; the close handler reports it
      }
      this.schedulePing();
    }, this.pingMs);
  }

  private shut(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    this.closeReason = reason;
    if (this.pinger !== undefined) this.clock.clearTimeout(this.pinger);
    if (this.started) this.onclose?.();
  }
}

/**
 * `ip:port` of a socket's remote end, IPv6 in brackets.
 *
 * @example
 * remoteOf('::ffff:127.0.0.1', 8080); // '127.0.0.1:8080'
 */
export function remoteOf(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return 'unknown';
  const host = address.startsWith('::ffff:') ? address.slice(7) : address;
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}
