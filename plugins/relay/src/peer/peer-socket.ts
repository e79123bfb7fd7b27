import type { Clock } from '@troupe/runtime';
import type { WsTransport } from '@troupe/transport-ws';

/** How a peer socket reaches the other node (§6.5). */
export type TransportLevel = 'direct' | 'relay';

/**
 * One established peer connection (direct, or spliced through a rendezvous) over a WebSocket
 * transport. Text frames only (§2.1: binary frames are ignored); pings every `pingMs` on the
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
  private started = false;

  constructor(
    readonly transport: WsTransport,
    readonly level: TransportLevel,
    pingMs: number,
    clock: Clock,
  ) {
    transport.onmessage = (text) => this.onFrame?.(text);
    transport.onclose = () => this.onClose?.(transport.closeCode ?? 1006);
    if (pingMs > 0) transport.keepAlive(pingMs, clock);
  }

  /** Sets (or replaces) where frames and the close go; the first call starts delivery. */
  listen(onFrame: (text: string) => void, onClose: (code: number) => void): void {
    this.onFrame = onFrame;
    this.onClose = onClose;
    if (this.started) return;
    this.started = true;
    // Accepted and dialled transports are open already (start() resolves at once); a transport
    // that was started elsewhere (the rendezvous pairing) rejects here and simply keeps flowing.
    this.transport.start().catch(() => undefined);
  }

  /** `ip:port` of the far end. */
  get remoteAddress(): string {
    return this.transport.remoteAddress;
  }

  /** True while frames can be written. */
  get open(): boolean {
    return this.transport.open;
  }

  /**
   * Writes one text frame; false when the socket is not open or the peer has stopped reading (more
   * than 16 MiB unsent): the caller then queues or answers 503 instead of buffering without bound.
   */
  send(text: string): boolean {
    return this.transport.write(text);
  }

  close(code = 1000, reason = ''): void {
    void this.transport.close(code, reason);
  }
}
