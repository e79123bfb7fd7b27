import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RENDEZVOUS_PAIRED_TYPE } from '@troupe/protocol-relay';
import { realClock, repeatEvery, unrefTimer, type Clock, type RepeatingTimer } from '@troupe/runtime';

/** Options of {@link RendezvousServer}. */
export interface RendezvousOptions {
  readonly host?: string;
  /** Default 7700; 0 picks a free port. */
  readonly port?: number;
  /** Waiting host sockets per rid (default 4). */
  readonly maxWaiting?: number;
  /** Live pairs per rid (default 64). */
  readonly maxPairs?: number;
  /** Ping interval of waiting sockets (default 20 s). */
  readonly pingMs?: number;
  /** The clock of pings, pair timings and the close grace (default the real clock). */
  readonly clock?: Clock;
  /** Receives rid/count/timing lines only, never payloads. */
  readonly log?: (msg: string, data: Record<string, unknown>) => void;
}

const PATH = /^\/rv\/([0-9a-f]{64})$/;
const MAX_FRAME = 1024 * 1024 + 4096;
const HIGH_WATER = 1024 * 1024;

/** Close codes a peer may be sent (1005/1006 are reserved for "none"/"abnormal"). */
function relayable(code: number): number {
  return code === 1005 || code === 1006 || code < 1000 || code >= 5000 ? 1000 : code;
}

/**
 * The self-hosted rendezvous of §6.4 (`troupe relay-server`): two guests holding the same link
 * meet here by `rid` (a hash of the token, so the token itself never arrives), and the server
 * splices their sockets. It parses nothing after pairing, writes nothing to disk, buffers nothing
 * beyond the frame in flight (a full receiver pauses the sender instead), and logs only rids and
 * counts.
 *
 * @example
 * const rv = await RendezvousServer.listen({ port: 0 });
 * relay({ rendezvousUrl: rv.url });
 */
export class RendezvousServer {
  private readonly waiting = new Map<string, WebSocket[]>();
  private readonly pairs = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  /** The TCP socket each upgrade handed over (public in the 'upgrade' event; ws keeps its copy private). */
  private readonly tcp = new WeakMap<WebSocket, Duplex>();
  private pinger: RepeatingTimer | undefined;
  /** Pairs made since start (for tests and logs). */
  paired = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    readonly host: string,
    private readonly options: RendezvousOptions,
  ) {}

  /** `ws://host:port` for nodes' `rendezvousUrl`. */
  get url(): string {
    return `ws://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  static listen(options: RendezvousOptions = {}): Promise<RendezvousServer> {
    const host = options.host ?? '127.0.0.1';
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME });
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":"not found"}');
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: options.port ?? 7700 }, () => {
        server.off('error', reject);
        const address = server.address();
        const rv = new RendezvousServer(server, wss, typeof address === 'object' && address ? address.port : 0, host, options);
        server.on('upgrade', (req, socket, head) => rv.upgrade(req, socket, head));
        rv.startPinging();
        resolve(rv);
      });
    });
  }

  private log(msg: string, data: Record<string, unknown>): void {
    this.options.log?.(msg, data);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const rid = PATH.exec(path)?.[1];
    const side = new URLSearchParams(query).get('side');
    if (rid === undefined || (side !== 'host' && side !== 'guest')) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      this.tcp.set(ws, socket);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('error', () => undefined);
      if (side === 'host') this.addHost(rid, ws);
      else this.addGuest(rid, ws);
    });
  }

  private addHost(rid: string, ws: WebSocket): void {
    const list = this.waiting.get(rid) ?? [];
    if (list.length >= (this.options.maxWaiting ?? 4)) {
      ws.close(1013, 'too many waiting hosts');
      return;
    }
    list.push(ws);
    this.waiting.set(rid, list);
    (ws as WebSocket & { isAlive?: boolean }).isAlive = true;
    ws.on('pong', () => {
      (ws as WebSocket & { isAlive?: boolean }).isAlive = true;
    });
    ws.on('close', () => this.removeWaiting(rid, ws));
    // A waiting socket has no partner yet: anything it sends is dropped, never queued.
    this.log('host waiting', { rid, waiting: list.length });
  }

  private removeWaiting(rid: string, ws: WebSocket): void {
    const list = this.waiting.get(rid);
    if (!list) return;
    const i = list.indexOf(ws);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.waiting.delete(rid);
  }

  private addGuest(rid: string, guest: WebSocket): void {
    const host = this.waiting.get(rid)?.[0];
    if (!host) {
      guest.close(1013, 'no host waiting');
      this.log('guest refused: no host waiting', { rid });
      return;
    }
    if ((this.pairs.get(rid) ?? 0) >= (this.options.maxPairs ?? 64)) {
      guest.close(1013, 'too many pairs');
      return;
    }
    this.removeWaiting(rid, host);
    this.pairs.set(rid, (this.pairs.get(rid) ?? 0) + 1);
    this.paired += 1;
    const clock = this.options.clock ?? realClock;
    const started = clock.now();
    const hello = JSON.stringify({ type: RENDEZVOUS_PAIRED_TYPE, rid });
    host.send(hello);
    guest.send(hello);
    this.splice(guest, host);
    this.splice(host, guest);
    let closed = false;
    const closeBoth = (code: number, from: WebSocket): void => {
      if (closed) return;
      closed = true;
      this.pairs.set(rid, Math.max(0, (this.pairs.get(rid) ?? 1) - 1));
      const other = from === host ? guest : host;
      if (other.readyState === 1) other.close(relayable(code));
      this.log('pair closed', { rid, ms: clock.now() - started });
    };
    host.on('close', (code: number) => closeBoth(code, host));
    guest.on('close', (code: number) => closeBoth(code, guest));
    this.log('paired', { rid });
  }

  /** Forwards `from` → `to` verbatim, pausing `from` while `to` is backed up. */
  private splice(from: WebSocket, to: WebSocket): void {
    const raw = this.tcp.get(from);
    let paused = false;
    // The frame that crossed the high-water mark resumes reading once it was written out (its send
    // callback): by then everything queued before it went out too. No polling.
    const resume = (): void => {
      paused = false;
      raw?.resume();
    };
    from.on('message', (data: RawData, isBinary: boolean) => {
      if (to.readyState !== 1) return;
      if (paused || to.bufferedAmount + sizeOf(data) <= HIGH_WATER || !raw) {
        to.send(data, { binary: isBinary });
        return;
      }
      paused = true;
      raw.pause();
      to.send(data, { binary: isBinary }, resume);
    });
  }

  private startPinging(): void {
    this.pinger = repeatEvery(this.options.clock ?? realClock, this.options.pingMs ?? 20_000, () => {
      for (const list of this.waiting.values()) {
        for (const ws of list) {
          const w = ws as WebSocket & { isAlive?: boolean };
          if (w.isAlive === false) {
            ws.terminate();
            continue;
          }
          w.isAlive = false;
          ws.ping();
        }
      }
    }, { unref: true });
  }

  /** Closes every socket with 1001 and stops listening. */
  close(): Promise<void> {
    this.pinger?.stop();
    for (const ws of this.sockets) ws.close(1001, 'rendezvous shutting down');
    this.wss.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      unrefTimer((this.options.clock ?? realClock).setTimeout(() => this.server.closeAllConnections(), 200));
    });
  }
}

/** Bytes in a received frame (ws hands over a Buffer, an ArrayBuffer or fragments). */
function sizeOf(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
}
