import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildInvalidTokenFrame, encodeFrame, MAX_MSG_BYTES, matchesTokenPath } from '@troupe/protocol-relay';
import { remoteOf } from './peer-socket.js';

/** Frames above this close the socket with 1009 (a little over `max_msg_bytes`, §2.6). */
const PEER_MAX_PAYLOAD = MAX_MSG_BYTES + 64 * 1024;

/**
 * The peer WebSocket listener (§2.2). Plain HTTP requests get 426. Every upgrade completes; a
 * wrong token then gets exactly one `{"type": "error", "code": "invalid_token"}` frame and a
 * close 1000 with an empty reason, as upstream does.
 *
 * @example
 * const listener = await PeerListener.listen('127.0.0.1', 0, () => token, (ws, remote) => accept(ws, remote));
 * listener.port; // the bound port
 */
export class PeerListener {
  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  static listen(
    host: string,
    port: number,
    token: () => string,
    onPeer: (ws: WebSocket, remote: string) => void,
    onSocketError: (error: Error, remote: string) => void = () => undefined,
  ): Promise<PeerListener> {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: PEER_MAX_PAYLOAD });
    const server = createServer((req, res) => {
      res.writeHead(426, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end('{"ok":false,"error_code":"ERR_INVALID_REQUEST","error":"WebSocket upgrade required"}');
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Issue 9.1: a frame that breaks RFC 6455 (bad UTF-8, oversized, unmasked, reserved
        // opcode or bits, stray continuation, bad close code) makes ws emit 'error' on this socket
        // and close it with the matching code (1002, 1007, 1009). Without a listener that 'error'
        // is unhandled and ends the process, before any token check.
        const remote = remoteOf(req.socket.remoteAddress, req.socket.remotePort);
        ws.on('error', (error) => onSocketError(error, remote));
        if (!matchesTokenPath(req.url ?? '', token())) {
          ws.send(encodeFrame(buildInvalidTokenFrame()));
          ws.close(1000, '');
          return;
        }
        onPeer(ws, remote);
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, backlog: 511 }, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(new PeerListener(server, wss, typeof address === 'object' && address ? address.port : port));
      });
    });
  }

  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
