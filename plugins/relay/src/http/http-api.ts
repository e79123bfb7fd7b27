import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  httpError, MAX_MSG_BYTES, notFoundError, parseJsonBody, type HttpError, type JsonObject, type Result,
} from '@troupe/protocol-relay';
import type { RelayNode } from '../node/relay-node.js';
import { json, type ApiReply, type ApiRequest } from './http-types.js';
import { matchRoute } from './router.js';
import { upgradeWsStream } from './routes-streams.js';

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = MAX_MSG_BYTES + 256 * 1024;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' };
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The node's local HTTP API (§3): HTTP/1.1 keep-alive, a 511 backlog (§7.11), Origin and Host
 * checks against drive-by browser pages (§3.1), the ERR_* envelope on every error, and a body
 * limit enforced while reading.
 *
 * @example
 * const api = await HttpApi.listen(node, '127.0.0.1', 7901);
 */
export class HttpApi {
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static listen(node: RelayNode, host: string, port: number): Promise<HttpApi> {
    const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      handle(node, req, res).catch((error: unknown) => {
        node.host.log('error', 'relay API route failed', { path: req.url, error: String(error) });
        if (!res.headersSent) send(res, 500, httpError('ERR_INTERNAL', 'internal error').body);
        else res.destroy();
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const refusal = checkRequest(node, req);
      const path = (req.url ?? '/').split('?')[0];
      if (refusal !== undefined || path !== '/ws/stream') {
        const body = JSON.stringify((refusal ?? notFoundError()).body);
        socket.end(`HTTP/1.1 ${refusal?.status ?? 404} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      upgradeWsStream(node, req, socket, head);
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, backlog: 511 }, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(new HttpApi(server, typeof address === 'object' && address ? address.port : port));
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** §3.1 request checks: a foreign `Origin` or `Host` is refused with 403. */
function checkRequest(node: RelayNode, req: IncomingMessage): HttpError | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !node.config.allowedOrigins.includes(origin)) return httpError('ERR_FORBIDDEN', `origin '${origin.slice(0, 100)}' is not allowed`);
  const host = req.headers.host;
  if (host !== undefined) {
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
    if (!LOOPBACK_HOSTS.has(name) && !node.config.allowedHosts.includes(name)) return httpError('ERR_FORBIDDEN', `host '${host.slice(0, 100)}' is not allowed`);
  }
  return undefined;
}

async function handle(node: RelayNode, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET,POST,DELETE,PATCH,OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Content-Length': '0',
    });
    res.end();
    return;
  }
  const refusal = checkRequest(node, req);
  if (refusal !== undefined) {
    req.resume();
    send(res, refusal.status, refusal.body);
    return;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const match = matchRoute(method, rawPath);
  let raw: Buffer | undefined;
  if (method === 'POST' || method === 'PATCH' || method === 'PUT' || method === 'DELETE') {
    const read = await readBody(req);
    if (read === 'too-large') {
      res.setHeader('Connection', 'close');
      send(res, 413, httpError('ERR_MSG_TOO_LARGE', `request body too large (max ${MAX_BODY_BYTES} bytes)`).body);
      return;
    }
    raw = read;
  } else {
    req.resume();
  }
  if (!match) {
    send(res, 404, notFoundError().body);
    return;
  }
  let parsed: Result<JsonObject, HttpError> | undefined;
  const request: ApiRequest = {
    node,
    method,
    path: rawPath,
    param: match.param,
    query,
    req,
    res,
    body: () => (parsed ??= parseJsonBody(raw ?? '')),
  };
  const reply: ApiReply = await match.route(request);
  if (reply !== undefined) send(res, reply.status, reply.body);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a JSON answer (keep-alive, CORS header as upstream). */
export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export { json };
