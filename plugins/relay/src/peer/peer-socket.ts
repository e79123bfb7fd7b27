import type { Clock, Transport } from '@troupe/runtime';
import type { WsTransport } from '@troupe/transport-ws';

/** What a WebSocket transport adds to the port, used when present (the in-memory pair has none of it). */
type WsExtras = Partial<Pick<WsTransport, 'write' | 'keepAlive' | 'closeCode'>> & { close(code?: number, reason?: string): Promise<void> };

/** Characters of frames a peer socket holds for `listen` at most; past it the socket is closed 1008. */
const MAX_EARLY_CHARS = 16 * 1024 * 1024;

/** How a peer socket reaches the other node (§6.5). */
export type TransportLevel = 'direct' | 'relay';

/**
 * One established peer connection (direct, or spliced through a rendezvous) over a `Transport`
 * of text frames: a `WsTransport` in production, the in-memory linked pair in unit tests. Text frames only (§2.1: binary frames are ignored); pings every `pingMs` on the
 * node's clock and terminates a socket that missed a pong (§2.9). Frames flow once the peer
 * manager `listen`s (a host may speak before a dialler is ready; those frames wait until then).
 *
 * @example
 * const s = new PeerSocket(transport, 'direct', 20_000, host.clock);
 * s.listen((text) => handle(text), (code) => gone(code));
 * s.send('{"type":"acp.message",…}');
 */
export class PeerSocket {
  private onFrame: ((text: string) => void) | undefined;
  private onClose: ((code: number) => void) | undefined;
  private closed = false;
  /** Frames (and the close) that came before `listen`: a host may speak before a dialler is ready. */
  private early: string[] | undefined = [];
  private earlyChars = 0;
  private earlyClose = false;
  private readonly t: Transport<string> & WsExtras;

  constructor(
    transport: Transport<string>,
    readonly level: TransportLevel,
    pingMs: number,
    clock: Clock,
  ) {
    const t = transport as Transport<string> & WsExtras;
    this.t = t;
    t.onmessage = (text) => {
      if (this.early) this.hold(text);
      else this.onFrame?.(text);
    };
    t.onclose = () => {
      this.closed = true;
      if (this.early) this.earlyClose = true;
      else this.onClose?.(t.closeCode ?? 1006);
    };
    if (pingMs > 0) t.keepAlive?.(pingMs, clock);
    // Accepted and dialled WebSocket transports are open already (start() resolves at once); one
    // started elsewhere (the rendezvous pairing) rejects here and simply keeps flowing.
    t.start().catch(() => undefined);
  }

  /** Sets (or replaces) where frames and the close go; the first call delivers what came before. */
  listen(onFrame: (text: string) => void, onClose: (code: number) => void): void {
    this.onFrame = onFrame;
    this.onClose = onClose;
    const early = this.early;
    if (!early) return;
    this.early = undefined;
    for (const text of early) this.onFrame?.(text);
    if (this.earlyClose) this.onClose?.(this.t.closeCode ?? 1006);
  }

  /** Keeps a frame for `listen`; a peer that sends too much before it is cut off (never buffered without bound). */
  private hold(text: string): void {
    if (this.closed || !this.early) return;
    this.earlyChars += text.length;
    if (this.earlyChars <= MAX_EARLY_CHARS) {
      this.early.push(text);
      return;
    }
    this.early = [];
    this.closed = true;
    this.close(1008, 'too much sent before the connection was read');
  }

  /** `ip:port` of the far end (`unknown` over a transport that has no address). */
  get remoteAddress(): string {
    return (this.t as Partial<Pick<WsTransport, 'remoteAddress'>>).remoteAddress ?? 'unknown';
  }

  /** True while frames can be written. */
  get open(): boolean {
    return !this.closed && ((this.t as Partial<Pick<WsTransport, 'open'>>).open ?? true);
  }

  /**
   * Writes one text frame; false when the socket is not open or the peer has stopped reading (more
   * than 16 MiB unsent): the caller then queues or answers 503 instead of buffering without bound.
   */
  send(text: string): boolean {
    if (this.t.write) return this.t.write(text);
    if (this.closed) return false;
    this.t.send(text).catch(() => undefined);
    return true;
  }

  close(code = 1000, reason = ''): void {
    void this.t.close(code, reason);
  }
}
