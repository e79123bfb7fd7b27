import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WsTransport, remoteOf, type WsTransportOptions } from './ws-transport.js';

/** What the listener knows about an accepted connection. */
export interface WsConnectionInfo {
  /** The request target of the upgrade (path and query), for a path or token check. */
  readonly url: string;
  /** `ip:port` of the far end. */
  readonly remote: string;
}

/** Options of {@link WsListener.listen}. */
export interface WsListenOptions extends WsTransportOptions {
  readonly host: string;
  readonly port: number;
  /** Frames above this close the socket with 1009. */
  readonly maxPayload: number;
  /** Each accepted connection, already open, with its 'error' listener in place. */
  readonly onConnection: (transport: WsTransport, info: WsConnectionInfo) => void;
  /** Answers a plain HTTP request (no upgrade). Default: 426 Upgrade Required. */
  readonly onRequest?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Reports a socket error (a malformed frame, a reset); the socket closes by itself. */
  readonly onSocketError?: (error: Error, remote: string) => void;
}

/**
 * A WebSocket listener on its own HTTP server: every upgrade completes and is handed out as a
 * {@link WsTransport} (the caller checks `info.url` and closes what it refuses, in its protocol's
 * terms). Each socket gets its 'error' listener before anything else runs (issue 9.1).
 *
 * @example
 * const l = await WsListener.listen({ host: '127.0.0.1', port: 0, maxPayload: 1 << 20, onConnection: (t) => void t.start() });
 * l.port; // the bound port
 */
export class WsListener {
  private constructor(private readonly server: Server, private readonly wss: WebSocketServer, readonly port: number) {}

  static listen(options: WsListenOptions): Promise<WsListener> {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: options.maxPayload });
    const server = createServer(options.onRequest ?? ((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' });
      res.end('WebSocket upgrade required');
    }));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      wss.handleUpgrade(req, socket, head, (ws) => {
        const remote = remoteOf(req.socket.remoteAddress, req.socket.remotePort);
        const transport = new WsTransport(ws, socket as Socket, remote, options);
        const report = options.onSocketError;
        if (report) ws.on('error', (error: Error) => report(error, remote));
        options.onConnection(transport, { url: req.url ?? '/', remote });
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: options.host, port: options.port, backlog: 511 }, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(new WsListener(server, wss, typeof address === 'object' && address ? address.port : options.port));
      });
    });
  }

  /** Ends every connection and stops listening. */
  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
