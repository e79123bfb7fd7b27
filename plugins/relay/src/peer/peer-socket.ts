import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { batchWrites } from '../node/write-batching.js';

/** Unsent bytes on a peer socket above which sends are refused (backpressure). */
const PEER_SEND_HIGH_WATER = 16 * 1024 * 1024;

/** How a peer socket reaches the other node (§6.5). */
export type TransportLevel = 'direct' | 'relay';

/**
 * One established peer WebSocket (direct, or spliced through a rendezvous). Text frames only
 * (§2.1); pings every `pingMs` and terminates a socket that missed a pong (§2.9).
 *
 * @example
 * const s = new PeerSocket(ws, '127.0.0.1:50123', 'direct', 20_000);
 * s.send('{"type":"acp.message",…}');
 */
export class PeerSocket {
  private alive = true;
  private readonly pinger: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly remoteAddress: string,
    readonly level: TransportLevel,
    pingMs: number,
  ) {
    ws.on('pong', () => {
      this.alive = true;
    });
    if (pingMs > 0) {
      this.pinger = setInterval(() => {
        if (!this.alive) {
          ws.terminate();
          return;
        }
        this.alive = false;
        try {
          ws.ping();
        } catch {
          // closing; the close handler reports it
        }
      }, pingMs);
      this.pinger.unref();
    }
    ws.once('close', () => this.dispose());
  }

  /** True while frames can be written. */
  get open(): boolean {
    return this.ws.readyState === 1;
  }

  /**
   * Writes one text frame; false when the socket is not open or the peer has stopped reading
   * (more than {@link PEER_SEND_HIGH_WATER} unsent): the caller then queues or answers 503
   * instead of buffering without bound.
   */
  send(text: string): boolean {
    if (this.ws.readyState !== 1 || this.ws.bufferedAmount > PEER_SEND_HIGH_WATER) return false;
    // The ws library keeps its TCP socket private; corking it batches this tick's frames.
    batchWrites((this.ws as unknown as { _socket?: Writable })._socket);
    this.ws.send(text);
    return true;
  }

  close(code = 1000, reason = ''): void {
    this.dispose();
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  private dispose(): void {
    if (this.pinger) clearInterval(this.pinger);
  }
}

/** `ip:port` of a socket's remote end, IPv6 in brackets. */
export function remoteOf(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return 'unknown';
  const host = address.startsWith('::ffff:') ? address.slice(7) : address;
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}
