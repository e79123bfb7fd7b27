import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { unrefTimer, type Clock, type TimerHandle } from '@troupe/runtime';

/** One request as the lean path hands it over: the head it understood and the whole body. */
export interface LeanRequest {
  readonly method: string;
  /** The request target as sent (origin form: path and query). */
  readonly url: string;
  /** Header values by lower-case name; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body (`Content-Length` bytes), `undefined` when there is none. */
  readonly body: Buffer | undefined;
  readonly remoteAddress: string;
  /** False when the client asked to close after this answer (`Connection: close`). */
  readonly keepAlive: boolean;
}

/**
 * What the owner of the lean path provides. `accept` looks at a request's method and target
 * before its body is read: what it returns comes back with the request to `respond`;
 * `undefined` leaves the request (and the connection) to node:http.
 */
export interface LeanResponder<T> {
  accept(method: string, url: string): T | undefined;
  /**
   * The whole HTTP response (status line, headers, body) for one request. It must carry
   * `Connection: close` when `request.keepAlive` is false; the connection is ended after it.
   */
  respond(request: LeanRequest, accepted: T): string | Promise<string>;
}

/** Limits of the lean path; whatever exceeds them goes to node:http, which refuses it properly. */
export interface LeanLimits {
  readonly maxHeadBytes: number;
  readonly maxBodyBytes: number;
  /** An idle connection (no request in flight) is closed after this long. */
  readonly idleMs: number;
  /** Unsent response bytes above which the connection stops reading until they drain. */
  readonly maxPendingBytes: number;
  /** A request not complete this long after its first byte is refused with `timedOut`. */
  readonly requestTimeoutMs: number;
  /** The clock of that request deadline (the host's). */
  readonly clock: Clock;
  /** The whole response (with `Connection: close`) for a request that took too long to arrive. */
  readonly timedOut: () => string;
  /** The whole response (with `Connection: close`) for bytes that can never become a request. */
  readonly malformed: (reason: string) => string;
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LEAN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Headers whose presence or repetition the lean path leaves to node:http. */
const HAND_OFF_HEADERS = new Set(['transfer-encoding', 'upgrade', 'expect']);
const SINGLE_HEADERS = new Set(['content-length', 'host', 'origin']);
/** A `Content-Length` field value as llhttp takes it: optional space or tab, digits, optional spaces. */
const CONTENT_LENGTH = /^[ \t]*\d{1,15} *$/;

/** A request head the lean path takes. */
export interface Head {
  accepted?: unknown;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly length: number;
  readonly keepAlive: boolean;
  readonly bodyStart: number;
}

/**
 * Serves one HTTP/1.1 connection on a lean path that answers plain requests (a `Content-Length`
 * body or none, a route the responder accepts) with one write each, without node:http's
 * per-request streams. The first request it does not take (an upgrade, a chunked body,
 * `Expect`, HTTP/1.0, an unknown method, a stream route, anything malformed or over a limit)
 * hands the connection, from that request's first byte on, to `fallback` through its documented
 * `'connection'` event: node:http then answers it, errors included, and keeps the connection.
 *
 * Requests on one connection are answered in order (pipelining works); while an answer is
 * pending, later bytes wait in the buffer.
 *
 * @example
 * netServer.on('connection', (socket) => serveLean(socket, responder, httpServer, limits));
 */
export function serveLean<T>(socket: Socket, responder: LeanResponder<T>, fallback: HttpServer, limits: LeanLimits): void {
  new LeanConnection(socket, responder, fallback, limits);
}

class LeanConnection<T> {
  /** Unparsed bytes; chunks that arrive while a body is awaited wait in `more` (one concat, not one per chunk). */
  private buf: Buffer | undefined;
  private more: Buffer[] = [];
  private moreBytes = 0;
  private pending: Head | undefined;
  private busy = false;
  private waitingDrain = false;
  private handedOff = false;
  private closing = false;
  private idleFiredWhileBusy = false;
  /** Reading stopped because requests piled up behind a pending answer. */
  private readPaused = false;
  /** Requests taken off the buffer so far; the deadline timer checks it did not move. */
  private served = 0;
  private deadline: TimerHandle | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly responder: LeanResponder<T>,
    private readonly fallback: HttpServer,
    private readonly limits: LeanLimits,
  ) {
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.on('timeout', this.onTimeout);
    socket.on('drain', this.onDrain);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.clearDeadline());
    socket.setTimeout(limits.idleMs);
  }

  private buffered(): number {
    return (this.buf?.length ?? 0) + this.moreBytes;
  }

  /** Joins the chunks waiting in `more` onto `buf`. */
  private merge(): void {
    if (this.more.length === 0 || this.buf === undefined) return;
    this.buf = Buffer.concat([this.buf, ...this.more]);
    this.more = [];
    this.moreBytes = 0;
  }

  private discard(): void {
    this.buf = undefined;
    this.more = [];
    this.moreBytes = 0;
  }

  /** Starts the clock of an incomplete request, once. */
  private armDeadline(): void {
    if (this.deadline !== undefined) return;
    const at = this.served;
    this.deadline = this.limits.clock.setTimeout(() => {
      this.deadline = undefined;
      if (this.served !== at || this.handedOff || this.closing || this.socket.destroyed) return;
      this.closing = true;
      this.discard();
      this.socket.end(this.limits.timedOut());
    }, this.limits.requestTimeoutMs);
    unrefTimer(this.deadline);
  }

  private clearDeadline(): void {
    if (this.deadline === undefined) return;
    this.limits.clock.clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.closing) return;
    if (this.buf === undefined) {
      this.buf = chunk;
    } else {
      this.more.push(chunk);
      this.moreBytes += chunk.length;
    }
    this.drain();
    // Nothing leaves the buffer while an answer is pending: past one whole request's worth, stop reading.
    if (this.busy && this.buffered() > this.limits.maxHeadBytes + this.limits.maxBodyBytes) {
      this.readPaused = true;
      this.socket.pause();
    }
  };

  private readonly onTimeout = (): void => {
    if (this.busy) this.idleFiredWhileBusy = true;
    else this.socket.destroy();
  };

  private readonly onDrain = (): void => {
    if (!this.waitingDrain) return;
    this.waitingDrain = false;
    this.socket.resume();
    this.drain();
  };

  /** Answers every complete request in the buffer, in order, until one is pending. */
  private drain(): void {
    while (this.buf !== undefined && !this.busy && !this.waitingDrain && !this.handedOff && !this.closing && !this.socket.destroyed) {
      let head = this.pending;
      if (head === undefined) {
        this.merge();
        const end = this.buf.indexOf(HEAD_END);
        // A complete head goes to parseHead, which hands anything odd to node:http.
        const early = end === -1 ? earlyVerdict(this.buf, Math.min(this.buf.length, this.limits.maxHeadBytes)) : undefined;
        if (early === 'hand-off') return this.handOff();
        if (early !== undefined) return this.refuse(early);
        if (end === -1 || end > this.limits.maxHeadBytes) {
          if (this.buf.length > this.limits.maxHeadBytes) this.handOff();
          else this.armDeadline();
          return;
        }
        head = parseHead(this.buf.toString('latin1', 0, end), end + 4);
        const accepted = head === undefined || head.length > this.limits.maxBodyBytes ? undefined : this.responder.accept(head.method, head.url);
        if (head === undefined || accepted === undefined) {
          this.handOff();
          return;
        }
        head.accepted = accepted;
        this.pending = head;
      }
      const total = head.bodyStart + head.length;
      if (this.buffered() < total) {
        this.armDeadline();
        return;
      }
      this.merge();
      this.served += 1;
      this.clearDeadline();
      const body = head.length === 0 ? undefined : this.buf.subarray(head.bodyStart, total);
      this.buf = this.buf.length === total ? undefined : this.buf.subarray(total);
      this.pending = undefined;
      this.serve(head, body);
    }
  }

  private serve(head: Head, body: Buffer | undefined): void {
    const request: LeanRequest = {
      method: head.method,
      url: head.url,
      headers: head.headers,
      body,
      remoteAddress: this.socket.remoteAddress ?? '',
      keepAlive: head.keepAlive,
    };
    let answer: string | Promise<string>;
    try {
      answer = this.responder.respond(request, head.accepted as T);
    } catch {
      this.socket.destroy(); // the responder answers its own failures; this is the last resort
      return;
    }
    if (typeof answer === 'string') {
      this.write(answer, head.keepAlive);
      return;
    }
    this.busy = true;
    answer.then(
      (text) => {
        this.busy = false;
        this.write(text, head.keepAlive);
        if (this.readPaused) {
          this.readPaused = false;
          if (!this.waitingDrain) this.socket.resume();
        }
        if (this.idleFiredWhileBusy) {
          this.idleFiredWhileBusy = false;
          this.socket.setTimeout(this.limits.idleMs);
        }
        this.drain();
      },
      () => this.socket.destroy(),
    );
  }

  private write(text: string, keepAlive: boolean): void {
    if (this.socket.destroyed) return;
    if (!keepAlive) {
      this.closing = true;
      this.discard();
      this.socket.end(text);
      return;
    }
    this.socket.write(text);
    if (this.socket.writableLength > this.limits.maxPendingBytes) {
      // A client that sends without reading: stop reading until it catches up.
      this.waitingDrain = true;
      this.socket.pause();
    }
  }

  /** Answers bytes that can never become a request, then closes. */
  private refuse(reason: string): void {
    this.closing = true;
    this.clearDeadline();
    this.discard();
    this.socket.end(this.limits.malformed(reason));
  }

  /** From the current request on, node:http owns the connection. */
  private handOff(): void {
    this.handedOff = true;
    this.clearDeadline();
    const socket = this.socket;
    socket.off('data', this.onData);
    socket.off('timeout', this.onTimeout);
    socket.off('drain', this.onDrain);
    socket.setTimeout(0);
    this.merge();
    if (this.buf !== undefined) socket.unshift(this.buf);
    this.buf = undefined;
    this.fallback.emit('connection', socket);
  }
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const HTTP_VERSION_TAIL = / HTTP\/\d\.\d$/;

/** Why a request line without a version is refused (HTTP/0.9 and garbage alike). */
export const NO_VERSION = 'no HTTP version in the request line; HTTP/0.9 is not served';

/**
 * Decides, before a head is complete, whether waiting for the rest can ever help. Without it
 * a client that speaks something else waits for the idle timeout with no answer: LF-only line
 * ends and a TLS ClientHello never produce the CRLF CRLF the lean path waits for, and an
 * HTTP/0.9 request line (`GET /`) is followed by nothing at all.
 *
 * 'hand-off': node:http's parser refuses these bytes at once (a method that is not upper-case
 * letters, a bare LF), so it answers them, as it answers every other malformed head; a reason
 * string: a complete request line without an HTTP version, which node:http would take as
 * HTTP/0.9 and wait on, answered 400 by the lean path itself. `undefined`: keep reading.
 * Exported for the differential property test against node:http's parser.
 */
export function earlyVerdict(buf: Buffer, upTo: number): 'hand-off' | string | undefined {
  // Empty lines before a request are skipped, by llhttp too (RFC 9112 §2.2).
  let start = 0;
  while (start < upTo && (buf[start] === CR || buf[start] === LF)) start++;
  let i = start;
  for (; i < upTo; i++) {
    const c = buf[i] as number;
    if (c === SPACE && i > start) break;
    if (c < 0x41 || c > 0x5a) return 'hand-off'; // lower case, TLS, …: node:http refuses the method
  }
  const firstLf = buf.indexOf(LF, i);
  if (firstLf === -1 || firstLf >= upTo) return undefined;
  // Checked before bare LFs: llhttp reads `GET /` ended by a lone LF as HTTP/0.9 and waits too.
  const lineEnd = buf[firstLf - 1] === CR ? firstLf - 1 : firstLf;
  if (!HTTP_VERSION_TAIL.test(buf.toString('latin1', start, lineEnd))) return NO_VERSION;
  for (let j = firstLf; j < upTo; j++) {
    if (buf[j] === LF && buf[j - 1] !== CR) return 'hand-off'; // node:http refuses it (HPE_CR_EXPECTED and kin)
  }
  return undefined;
}

/**
 * True when `text` has a byte its place does not allow: control characters anywhere, except tab
 * in a field value (RFC 9110 §5.5); in a target also spaces and anything beyond ASCII, which
 * node:http's parser refuses too.
 */
function hasBadByte(text: string, isValue: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && !(isValue && c === 0x09))) return true;
    if (!isValue && (c === 0x20 || c > 0x7f)) return true;
  }
  return false;
}

/**
 * Parses a request head the lean path can take: `METHOD /target HTTP/1.1`, well-formed header
 * lines, at most one `Content-Length` (digits). `undefined` for anything else. Exported for the
 * differential property test against node:http's parser.
 */
export function parseHead(text: string, bodyStart: number): Head | undefined {
  const lineEnd = text.indexOf('\r\n');
  const requestLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  const sp1 = requestLine.indexOf(' ');
  const sp2 = requestLine.lastIndexOf(' ');
  if (sp1 <= 0 || sp2 === sp1) return undefined;
  const method = requestLine.slice(0, sp1);
  const url = requestLine.slice(sp1 + 1, sp2);
  if (requestLine.slice(sp2 + 1) !== 'HTTP/1.1' || !LEAN_METHODS.has(method)) return undefined;
  if (url[0] !== '/' || hasBadByte(url, false)) return undefined;
  const headers: Record<string, string> = {};
  let length = 0;
  let keepAlive = true;
  if (lineEnd !== -1) {
    for (const line of text.slice(lineEnd + 2).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return undefined;
      const name = line.slice(0, colon).toLowerCase();
      const value = trimOws(line.slice(colon + 1));
      if (!TOKEN.test(name) || hasBadByte(value, true) || HAND_OFF_HEADERS.has(name)) return undefined;
      const previous = headers[name];
      if (previous !== undefined) {
        if (SINGLE_HEADERS.has(name)) return undefined;
        headers[name] = `${previous}, ${value}`;
      } else {
        headers[name] = value;
      }
      if (name === 'content-length') {
        // llhttp takes spaces after the digits but refuses a tab there (found by the property test).
        if (!CONTENT_LENGTH.test(line.slice(colon + 1))) return undefined;
        length = Number(value);
      } else if (name === 'connection') {
        // llhttp does not read a token followed by a tab (`close\t`) as that token: leave tabs to it.
        if (value.includes('\t') || line.endsWith('\t')) return undefined;
        const tokens = value.toLowerCase().split(',').map(trimOws);
        if (tokens.includes('upgrade')) return undefined;
        if (tokens.includes('close')) keepAlive = false;
      }
    }
  }
  // RFC 9112 §3.2: an HTTP/1.1 request without Host is refused (node:http answers the 400).
  if (headers['host'] === undefined) return undefined;
  return { method, url, headers, length, keepAlive, bodyStart };
}

/** Strips optional whitespace (space and tab only, RFC 9110 §5.6.3) from both ends. */
function trimOws(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && (text.charCodeAt(from) === 0x20 || text.charCodeAt(from) === 0x09)) from += 1;
  while (to > from && (text.charCodeAt(to - 1) === 0x20 || text.charCodeAt(to - 1) === 0x09)) to -= 1;
  return text.slice(from, to);
}
