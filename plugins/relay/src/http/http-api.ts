import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  httpError, invalidRequest, MAX_MSG_BYTES, notFoundError, parseJsonBody, type HttpError, type JsonObject, type Result,
} from '@troupe/protocol-relay';
import type { Clock } from '@troupe/runtime';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';
import { NO_VERSION, serveLean, type LeanRequest, type LeanResponder } from './lean-http.js';
import { matchRoute, type RouteMatch } from './router.js';
import { upgradeWsStream } from './routes-streams.js';

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = MAX_MSG_BYTES + 256 * 1024;

const KEEP_ALIVE_MS = 30_000;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' };
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,POST,DELETE,PATCH,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Content-Length': '0',
};
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * The node's local HTTP API (§3): HTTP/1.1 keep-alive, a 511 backlog (§7.11), Origin and Host
 * checks against drive-by browser pages (§3.1), the ERR_* envelope on every error, and a body
 * limit enforced while reading.
 *
 * Two paths serve it. Plain JSON requests take a lean path (one parse, one write, no per-request
 * streams: see `lean-http.ts`); upgrades, SSE routes, chunked bodies and anything unusual go to a
 * node:http server that never listens itself and gets those connections handed over. Both call
 * the same routes through {@link answer}.
 *
 * @example
 * const api = await HttpApi.listen(node, '127.0.0.1', 7901);
 */
export class HttpApi {
  private constructor(
    private readonly server: NetServer,
    private readonly http: Server,
    private readonly sockets: Set<Socket>,
    readonly port: number,
  ) {}

  static listen(node: RelayNodeApi, host: string, port: number): Promise<HttpApi> {
    const requestTimeout = node.config.requestTimeoutMs;
    const http = createServer({
      keepAliveTimeout: KEEP_ALIVE_MS,
      requestTimeout,
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))),
      requireHostHeader: false, // checked in serveNodeHttp, to answer in the API's envelope
    }, (req, res) => {
      serveNodeHttp(node, req, res).catch((error: unknown) => {
        node.host.log('error', 'relay API route failed', { path: req.url, error: String(error) });
        if (!res.headersSent) send(node, res, json(500, httpError('ERR_INTERNAL', 'internal error').body));
        else res.destroy();
      });
    });
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const refusal = headRefusal(req) ?? checkRequest(node, req.headers.origin, req.headers.host);
      const path = (req.url ?? '/').split('?')[0];
      if (refusal !== undefined || path !== '/ws/stream') {
        const body = JSON.stringify((refusal ?? notFoundError()).body);
        socket.end(`HTTP/1.1 ${refusal?.status ?? 404} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      upgradeWsStream(node, req, socket, head);
    });
    http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      // A request node:http could not parse: say so in the API's envelope, then close.
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
        socket.end(responseText(node.host.clock, 408, httpError('ERR_TIMEOUT', `request not received within ${requestTimeout} ms`).body, false));
        return;
      }
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const e = invalidRequest(tooLarge ? 'request headers too large' : `malformed HTTP request (${error.code ?? 'parse error'})`);
      socket.end(responseText(node.host.clock, tooLarge ? 431 : 400, e.body, false));
    });
    // node:http checks header and request timeouts of its connections from a timer it starts on
    // 'listening'; this server never listens (connections are handed to it), so start it here.
    http.emit('listening');
    const sockets = new Set<Socket>();
    const responder = leanResponder(node);
    const limits = {
      maxHeadBytes: 16 * 1024,
      maxBodyBytes: MAX_BODY_BYTES,
      idleMs: KEEP_ALIVE_MS,
      maxPendingBytes: 1024 * 1024,
      requestTimeoutMs: requestTimeout,
      clock: node.host.clock,
      timedOut: () => responseText(node.host.clock, 408, httpError('ERR_TIMEOUT', `request not received within ${requestTimeout} ms`).body, false),
      malformed: (reason: string) => responseText(node.host.clock, 400, invalidRequest(`malformed HTTP request (${reason})`).body, false),
    };
    const server = createNetServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      serveLean(socket, responder, http, limits);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, backlog: 511 }, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(new HttpApi(server, http, sockets, typeof address === 'object' && address ? address.port : port));
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.http.close(() => undefined); // stops its timeout checks; it never listened itself
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

/** §3.1 request checks: a foreign `Origin` or `Host` is refused with 403. */
function checkRequest(node: RelayNodeApi, origin: string | undefined, host: string | undefined): HttpError | undefined {
  if (origin !== undefined && !node.config.allowedOrigins.includes(origin)) return httpError('ERR_FORBIDDEN', `origin '${origin.slice(0, 100)}' is not allowed`);
  if (host !== undefined) {
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
    if (!LOOPBACK_HOSTS.has(name) && !node.config.allowedHosts.includes(name)) return httpError('ERR_FORBIDDEN', `host '${host.slice(0, 100)}' is not allowed`);
  }
  return undefined;
}

/**
 * What node:http lets through and the API refuses (RFC 9112 §3.2): an HTTP/1.1 request without
 * `Host`, a request with more than one (node:http keeps the first and drops the rest, so the
 * raw header list is counted), and HTTP/0.9 (llhttp takes `GET /` followed by an empty line as
 * a version-less request).
 */
function headRefusal(req: IncomingMessage): HttpError | undefined {
  if (req.httpVersionMajor === 0) return invalidRequest(`malformed HTTP request (${NO_VERSION})`);
  if (req.httpVersion === '1.1' && req.headers.host === undefined) return invalidRequest('an HTTP/1.1 request needs a Host header');
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if ((req.rawHeaders[i] as string).toLowerCase() === 'host') hosts += 1;
  return hosts > 1 ? invalidRequest('a request may carry only one Host header') : undefined;
}

/** A request target split once: the route it names, its path and its query text. */
interface Target {
  readonly match: RouteMatch | undefined;
  readonly path: string;
  readonly queryText: string;
}

function targetOf(method: string, url: string): Target {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return { match: matchRoute(method, path), path, queryText: q === -1 ? '' : url.slice(q + 1) };
}

/** The request object routes see; the query and the body are parsed on first use. */
function apiRequest(node: RelayNodeApi, method: string, target: Target, param: string, raw: Buffer | undefined, remoteAddress: string): ApiRequest {
  let query: URLSearchParams | undefined;
  let parsed: Result<JsonObject, HttpError> | undefined;
  return {
    node,
    method,
    path: target.path,
    param,
    get query() {
      return (query ??= new URLSearchParams(target.queryText));
    },
    remoteAddress,
    body: () => (parsed ??= parseJsonBody(raw ?? '')),
  };
}

/** The answer of a request whose body has been read and that no stream route takes. */
function answer(node: RelayNodeApi, method: string, target: Target, raw: Buffer | undefined, remoteAddress: string): ApiReply | Promise<ApiReply> {
  const match = target.match;
  if (match === undefined || match.stream) return json(404, notFoundError().body);
  return match.route(apiRequest(node, method, target, match.param, raw, remoteAddress));
}

function leanResponder(node: RelayNodeApi): LeanResponder<Target> {
  const internal = (req: LeanRequest, error: unknown): string => {
    node.host.log('error', 'relay API route failed', { path: req.url, error: String(error) });
    return responseText(node.host.clock, 500, httpError('ERR_INTERNAL', 'internal error').body, req.keepAlive);
  };
  return {
    accept(method, url) {
      const target = targetOf(method, url);
      return target.match?.stream === true ? undefined : target; // streams need node:http's response
    },
    respond(req: LeanRequest, target: Target): string | Promise<string> {
      if (req.method === 'OPTIONS') return preflightText(node.host.clock, req.keepAlive);
      const refusal = checkRequest(node, req.headers['origin'], req.headers['host']);
      if (refusal !== undefined) return responseText(node.host.clock, refusal.status, refusal.body, req.keepAlive);
      let reply: ApiReply | Promise<ApiReply>;
      try {
        reply = answer(node, req.method, target, BODY_METHODS.has(req.method) ? req.body : undefined, req.remoteAddress);
      } catch (error) {
        return internal(req, error);
      }
      if (!(reply instanceof Promise)) return replyText(node, req.url, reply, req.keepAlive);
      return reply.then((r) => replyText(node, req.url, r, req.keepAlive), (error: unknown) => internal(req, error));
    },
  };
}

/** node:http's side: everything the lean path hands over. */
async function serveNodeHttp(node: RelayNodeApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(200, PREFLIGHT_HEADERS);
    res.end();
    return;
  }
  const malformed = headRefusal(req);
  if (malformed !== undefined) {
    req.resume();
    res.setHeader('Connection', 'close');
    send(node, res, fail(malformed));
    return;
  }
  const refusal = checkRequest(node, req.headers.origin, req.headers.host);
  if (refusal !== undefined) {
    req.resume();
    send(node, res, fail(refusal));
    return;
  }
  const target = targetOf(method, req.url ?? '/');
  let raw: Buffer | undefined;
  if (BODY_METHODS.has(method)) {
    const read = await readBody(req);
    if (read === 'too-large') {
      res.setHeader('Connection', 'close');
      send(node, res, fail(httpError('ERR_MSG_TOO_LARGE', `request body too large (max ${MAX_BODY_BYTES} bytes)`)));
      return;
    }
    raw = read;
  } else {
    req.resume();
  }
  const remoteAddress = req.socket.remoteAddress ?? '';
  const match = target.match;
  if (match?.stream === true) {
    const reply = match.route(apiRequest(node, method, target, match.param, raw, remoteAddress), req, res);
    if (reply !== undefined) send(node, res, reply);
    return;
  }
  send(node, res, await answer(node, method, target, raw, remoteAddress));
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

/**
 * A reply's body as text, or a 500 in the API's envelope when it cannot be encoded (a value too
 * deep for `JSON.stringify`'s stack, which bounded decoders keep out; a data dir written before
 * they did may still hold one): the client gets an answer, never a reset connection.
 */
function encodeReply(node: RelayNodeApi, path: string | undefined, reply: ApiReply): { status: number; text: string; encoded: boolean } {
  try {
    return { status: reply.status, text: JSON.stringify(reply.body), encoded: true };
  } catch (error) {
    node.host.log('error', 'relay API answer could not be encoded', { path, error: String(error) });
    return { status: 500, text: JSON.stringify(httpError('ERR_INTERNAL', 'the answer could not be encoded').body), encoded: false };
  }
}

/** Writes a JSON answer through node:http (keep-alive, CORS header as upstream). */
function send(node: RelayNodeApi, res: ServerResponse, reply: ApiReply): void {
  const { status, text, encoded } = encodeReply(node, res.req.url, reply);
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
  if (encoded) reply.afterEncode?.();
}

/** A route's reply as the lean path writes it; `afterEncode` runs once the text exists. */
function replyText(node: RelayNodeApi, path: string, reply: ApiReply, keepAlive: boolean): string {
  const { status, text, encoded } = encodeReply(node, path, reply);
  const out = textResponse(node.host.clock, status, text, keepAlive);
  if (encoded) reply.afterEncode?.();
  return out;
}

let dateSecond = -1;
let dateText = '';

/** The `Date` header value on the host's clock, formatted once a second. */
function httpDate(clock: Clock): string {
  const now = clock.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

function connectionHeaders(keepAlive: boolean): string {
  return keepAlive ? `Connection: keep-alive\r\nKeep-Alive: timeout=${KEEP_ALIVE_MS / 1000}\r\n` : 'Connection: close\r\n';
}

/** A whole JSON response as the lean path writes it: the same headers node:http would send. */
function responseText(clock: Clock, status: number, body: unknown, keepAlive: boolean): string {
  return textResponse(clock, status, JSON.stringify(body), keepAlive);
}

function textResponse(clock: Clock, status: number, text: string, keepAlive: boolean): string {
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\nContent-Type: application/json; charset=utf-8\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: ${Buffer.byteLength(text)}\r\nDate: ${httpDate(clock)}\r\n${connectionHeaders(keepAlive)}\r\n${text}`;
}

const PREFLIGHT_LINES = Object.entries(PREFLIGHT_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');

function preflightText(clock: Clock, keepAlive: boolean): string {
  return `HTTP/1.1 200 OK\r\n${PREFLIGHT_LINES}Date: ${httpDate(clock)}\r\n${connectionHeaders(keepAlive)}\r\n`;
}
