import { WsListener, type WsTransport } from '@troupe/transport-ws';
import { buildInvalidTokenFrame, encodeFrame, MAX_MSG_BYTES, matchesTokenPath } from '@troupe/protocol-relay';

/** Frames above this close the socket with 1009 (a little over `max_msg_bytes`, §2.6). */
const PEER_MAX_PAYLOAD = MAX_MSG_BYTES + 64 * 1024;

/**
 * The peer WebSocket listener (§2.2) on `@troupe/transport-ws`. Plain HTTP requests get 426.
 * Every upgrade completes; a wrong token then gets exactly one `{"type": "error", "code":
 * "invalid_token"}` frame and a close 1000 with an empty reason, as upstream does. Malformed
 * frames (issue 9.1) close only their socket: the transport listens for 'error' on each.
 *
 * @example
 * const listener = await PeerListener.listen('127.0.0.1', 0, () => token, (t) => accept(t));
 * listener.port; // the bound port
 */
export class PeerListener {
  private constructor(private readonly listener: WsListener) {}

  /** The bound port. */
  get port(): number {
    return this.listener.port;
  }

  static async listen(
    host: string,
    port: number,
    token: () => string,
    onPeer: (transport: WsTransport) => void,
    onSocketError: (error: Error, remote: string) => void = () => undefined,
  ): Promise<PeerListener> {
    const listener = await WsListener.listen({
      host,
      port,
      maxPayload: PEER_MAX_PAYLOAD,
      onSocketError,
      onRequest: (_req, res) => {
        res.writeHead(426, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end('{"ok":false,"error_code":"ERR_INVALID_REQUEST","error":"WebSocket upgrade required"}');
      },
      onConnection: (transport, info) => {
        if (!matchesTokenPath(info.url, token())) {
          transport.write(encodeFrame(buildInvalidTokenFrame()));
          void transport.close(1000, '');
          return;
        }
        onPeer(transport);
      },
    });
    return new PeerListener(listener);
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
