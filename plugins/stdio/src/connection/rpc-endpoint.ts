import { TroupeError, realClock, type Clock, type TimerHandle, type Transport } from '@troupe/runtime';
import type { LineTransport } from '@troupe/transport-ndjson';
import {
  DEFAULT_MAX_MESSAGE_BYTES, TextChunkReader, classifyOversize, decodeLine, encodeJson, errorResponse, internalError, notification, request, requestCancelled, resultResponse,
  type JsonRpcId, type RpcErrorObject, type RpcMessage,
} from '@troupe/protocol-stdio';
import { ACP_ERRORS, RpcFailure, acpError, isAbortLike } from '../errors.js';
import { ReplyThen, defaultTimeout, type EndpointEvent, type EndpointHandlers, type EndpointOptions, type RequestContext, type RequestOptions } from './endpoint-types.js';
import { asLineTransport } from './as-line-transport.js';

export { ReplyThen, defaultTimeout };
export type { EndpointEvent, EndpointHandlers, EndpointOptions, RequestContext, RequestOptions };

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: TimerHandle | undefined;
  /** Set once `$/cancel_request` went out: the local error to settle with. */
  cancelledWith: Error | undefined;
  cleanup: (() => void) | undefined;
}

const keyOf = (id: JsonRpcId): string => (typeof id === 'number' ? `n${id}` : typeof id === 'string' ? `s${id}` : 'null');

/**
 * A full-duplex JSON-RPC 2.0 endpoint over a `Transport` of NDJSON lines (spec §4, §13.2): numbered
 * outbound requests with timeouts and `$/cancel_request`, inbound requests answered exactly once,
 * `-32700`/`-32600` replies for bad frames (serve mode), noise tolerance (drive mode) and
 * over-long-line handling (§3.2). A long handler never blocks the reader. Real pipes use
 * `@troupe/transport-ndjson`; unit tests use the in-memory linked pair and a `SimulatedClock`.
 *
 * @example
 * const ep = new RpcEndpoint(new NdjsonTransport(child.stdout, child.stdin, { splitter: new LineDecoder() }), { mode: 'drive' });
 * ep.start({ request: () => { throw new RpcFailure(methodNotFound('x')); }, notification: () => {} });
 * const init = await ep.request('initialize', { protocolVersion: 1 });
 */
export class RpcEndpoint {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly inbound = new Map<string, AbortController>();
  private readonly clock: Clock;
  private handlers: EndpointHandlers | undefined;
  private closeError: TroupeError | undefined;
  private readonly closeListeners: ((err: TroupeError) => void)[] = [];
  private warnedVersion = false;
  private chunks: TextChunkReader | undefined;
  /** Drive mode: lines on the agent's stdout that were not JSON-RPC (§3.4). */
  stdoutNoiseLines = 0;

  private readonly transport: LineTransport;
  private readonly maxMessageBytes: number;

  constructor(transport: Transport<string>, private readonly options: EndpointOptions) {
    this.transport = asLineTransport(transport);
    this.clock = options.clock ?? realClock;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Starts reading frames. */
  start(handlers: EndpointHandlers): void {
    this.handlers = handlers;
    if (handlers.update) this.chunks = new TextChunkReader();
    const t = this.transport;
    t.onmessage = (text) => this.onLine(text);
    t.onerror = (err) => this.onTransportError(err);
    t.onclose = () => {
      const reason = t.closeReason ?? 'closed';
      const cause = t.closeCause;
      this.shutdown(new TroupeError(ACP_ERRORS.connectionClosed, `ACP connection closed: ${reason}${cause ? ` (${cause.message})` : ''}`, cause ? { cause } : undefined));
    };
    t.start().catch((err: unknown) => this.shutdown(new TroupeError(ACP_ERRORS.connectionClosed, `ACP connection could not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err })));
  }

  /**
   * Back-pressure for producers that use `sendLine`: undefined while the output keeps up, else a
   * promise that resolves once it drained. Hand it to `ask({ ready })` so a slow reader slows the agent.
   */
  ready(): Promise<void> | undefined {
    return this.closeError ? undefined : this.transport.ready();
  }

  /**
   * Queues a line the caller encoded itself (a hot-path frame): one JSON-RPC message, no `\n`.
   * Returns the error (`connection_closed`, `message_too_large`) instead of throwing.
   */
  sendLine(line: string): TroupeError | undefined {
    if (this.closeError) return this.closeError;
    const err = this.transport.write(line);
    return err ? this.localError(err) : undefined;
  }

  /** Encodes and queues one message; returns the local error instead of throwing. */
  private enqueue(message: RpcMessage): TroupeError | undefined {
    if (this.closeError) return this.closeError;
    const encoded = encodeJson(message, this.maxMessageBytes);
    if (!encoded.ok) {
      return encoded.reason === 'message_too_large'
        ? new TroupeError(ACP_ERRORS.messageTooLarge, `frame of ${encoded.bytes} bytes exceeds the ${encoded.limit}-byte limit`, { details: { bytes: encoded.bytes, limit: encoded.limit } })
        : new TroupeError('INVALID_MESSAGE', `frame is not JSON-serialisable: ${encoded.detail}`);
    }
    return this.sendLine(encoded.json);
  }

  /** A transport refusal in this protocol's terms. */
  private localError(err: Error): TroupeError {
    if (TroupeError.is(err, 'FRAME_TOO_LARGE')) return new TroupeError(ACP_ERRORS.messageTooLarge, err.message, { cause: err, details: { ...err.details } });
    if (TroupeError.is(err, 'TRANSPORT_CLOSED')) return new TroupeError(ACP_ERRORS.connectionClosed, `the ACP connection is closed: ${err.message}`, { cause: err });
    return TroupeError.is(err) ? err : new TroupeError(ACP_ERRORS.connectionClosed, err.message, { cause: err });
  }

  private onTransportError(err: Error): void {
    const details = TroupeError.is(err, 'FRAME_TOO_LARGE') ? err.details : undefined;
    const head = details?.['head'];
    if (typeof head === 'string') this.onOversize(Number(details?.['bytes']), head);
    else this.report('warn', `transport error: ${err.message}`);
  }

  /** Rejected once the connection closed; the error is `connection_closed`. */
  get closedError(): TroupeError | undefined {
    return this.closeError;
  }

  /** Runs `listener` once when the connection closes (at once if it already did). */
  onClose(listener: (err: TroupeError) => void): void {
    if (this.closeError) listener(this.closeError);
    else this.closeListeners.push(listener);
  }

  /** Outstanding outbound requests. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Sends a request and resolves with its result; wire errors reject as `acp_error`. */
  request<R = unknown>(method: string, params: unknown, options: RequestOptions = {}): Promise<R> {
    if (this.closeError) {
      options.sync?.(this.closeError, undefined);
      return Promise.reject(this.closeError);
    }
    if (options.signal?.aborted) return Promise.reject(options.signal.reason instanceof Error ? options.signal.reason : new TroupeError('CANCELLED', `${method} was cancelled`));
    const id = this.nextId++;
    const err = this.enqueue(request(id, method as `_${string}`, params));
    if (err) {
      options.sync?.(err, undefined);
      return Promise.reject(err);
    }
    const sync = options.sync;
    return new Promise<R>((resolve, reject) => {
      const entry: Pending = {
        method,
        resolve: sync ? (v: unknown) => { sync(undefined, v); resolve(v as R); } : (resolve as (v: unknown) => void),
        reject: sync ? (e: Error) => { sync(e, undefined); reject(e); } : reject,
        timer: undefined, cancelledWith: undefined, cleanup: undefined,
      };
      this.pending.set(id, entry);
      const timeoutMs = 'timeoutMs' in options ? options.timeoutMs : (this.options.timeoutFor ?? defaultTimeout)(method);
      if (timeoutMs !== undefined) {
        entry.timer = this.clock.setTimeout(() => this.cancelOutbound(id, new TroupeError(ACP_ERRORS.requestTimeout, `${method} got no answer within ${timeoutMs} ms`)), timeoutMs);
      }
      const signal = options.signal;
      if (signal) {
        const onAbort = (): void => this.cancelOutbound(id, signal.reason instanceof Error ? signal.reason : new TroupeError('CANCELLED', `${method} was cancelled`));
        signal.addEventListener('abort', onAbort, { once: true });
        entry.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
    });
  }

  /**
   * Like `request`, but `done` runs synchronously when the response frame is read, before the next
   * frame is processed: how a turn's completion is ordered after exactly the updates that preceded
   * its response on the wire (O7), never after later ones.
   */
  requestSync(method: string, params: unknown, done: (err: Error | undefined, result: unknown) => void, options: RequestOptions = {}): void {
    const p = this.request(method, params, { ...options, sync: done });
    p.catch(() => undefined);
  }

  /** Sends a notification; rejects only on a local failure (closed, too large). */
  notify(method: string, params: unknown): Promise<void> {
    const err = this.enqueue(notification(method as `_${string}`, params));
    if (err) return Promise.reject(err);
    return this.transport.ready() ?? Promise.resolve();
  }

  /** Like `notify`, without waiting for drain; returns the local error instead of rejecting. */
  notifyNow(method: string, params: unknown): TroupeError | undefined {
    return this.enqueue(notification(method as `_${string}`, params));
  }

  /** `$/cancel_request`, then wait `cancelTimeoutMs` for the answer before rejecting locally. */
  private cancelOutbound(id: number, reason: Error): void {
    const entry = this.pending.get(id);
    if (!entry || entry.cancelledWith) return;
    entry.cancelledWith = reason;
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    this.notifyNow('$/cancel_request', { requestId: id });
    entry.timer = this.clock.setTimeout(() => this.settle(id, undefined, reason), this.options.cancelTimeoutMs ?? 10_000);
  }

  private settle(id: number, result: { ok: true; value: unknown } | { ok: false; error: RpcErrorObject } | undefined, local?: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    entry.cleanup?.();
    if (local) entry.reject(local);
    else if (result?.ok) entry.resolve(result.value);
    else if (result) entry.reject(entry.cancelledWith && result.error.code === -32800 ? entry.cancelledWith : acpError(entry.method, result.error));
  }

  private onLine(text: string): void {
    const chunk = this.chunks?.read(text);
    if (chunk !== undefined) {
      // A notification: delivered like one (never answered; a throwing handler is reported).
      try {
        this.handlers?.update?.(chunk);
      } catch (err) {
        this.reportHandlerFailure(err);
      }
      return;
    }
    const msg = decodeLine(text, this.options.mode);
    switch (msg.type) {
      case 'request':
        this.noteVersion(msg.missingVersion);
        this.handleRequest(msg.id, msg.method, msg.params);
        return;
      case 'notification':
        this.noteVersion(msg.missingVersion);
        if (msg.method === '$/cancel_request') {
          const requestId = (msg.params as { requestId?: unknown } | undefined)?.requestId;
          if (typeof requestId === 'string' || typeof requestId === 'number') {
            this.inbound.get(keyOf(requestId))?.abort(new TroupeError('CANCELLED', 'cancelled by the peer ($/cancel_request)'));
          }
          return;
        }
        try {
          this.handlers?.notification(msg.method, msg.params);
        } catch (err) {
          this.reportHandlerFailure(err);
        }
        return;
      case 'result':
      case 'error':
        if (typeof msg.id !== 'number' || !this.pending.has(msg.id)) {
          this.report('warn', 'response to an unknown request id ignored', { id: msg.id });
          return;
        }
        this.settle(msg.id, msg.type === 'result' ? { ok: true, value: msg.result } : { ok: false, error: msg.error });
        return;
      case 'invalid':
        this.report('warn', `invalid frame: ${msg.reason}`, { raw: typeof msg.raw === 'string' ? msg.raw : undefined });
        if (msg.reply && !this.closeError) this.enqueue(msg.reply);
        if (typeof msg.id === 'number' && this.pending.has(msg.id)) {
          this.settle(msg.id, undefined, new TroupeError('DECODE_FAILED', `malformed response: ${msg.reason}`));
        }
        return;
      case 'noise':
        this.stdoutNoiseLines += 1;
        this.report('info', 'non-protocol line on the agent stdout ignored', { preview: msg.preview });
        return;
    }
  }

  private noteVersion(missing: boolean): void {
    if (missing && !this.warnedVersion) {
      this.warnedVersion = true;
      this.report('warn', 'peer frames lack "jsonrpc":"2.0"; tolerated');
    }
  }

  private onOversize(bytes: number, head: string): void {
    const action = classifyOversize(head, this.options.mode, this.maxMessageBytes);
    this.report('warn', 'inbound line over the size limit discarded', { bytes, limit: this.maxMessageBytes, action: action.action });
    if (action.action === 'reply') this.enqueue(action.frame);
    else if (action.action === 'fail-pending' && typeof action.id === 'number') {
      this.settle(action.id, undefined, new TroupeError(ACP_ERRORS.messageTooLarge, `the answer to request ${action.id} exceeded ${this.maxMessageBytes} bytes`));
    }
  }

  private handleRequest(id: JsonRpcId, method: string, params: unknown): void {
    const key = keyOf(id);
    const controller = new AbortController();
    this.inbound.set(key, controller);
    let result: unknown;
    try {
      result = this.handlers?.request(method, params, { id, method, signal: controller.signal });
    } catch (err) {
      this.answerError(key, id, err, controller.signal);
      return;
    }
    if (result instanceof Promise) {
      result.then((value) => this.answer(key, id, value), (err: unknown) => this.answerError(key, id, err, controller.signal));
    } else this.answer(key, id, result);
  }

  private answer(key: string, id: JsonRpcId, value: unknown): void {
    this.inbound.delete(key);
    if (this.closeError) return;
    const then = value instanceof ReplyThen ? value : undefined;
    const err = this.enqueue(resultResponse(id, (then ? then.value : value) ?? {}));
    if (then && !err) then.after();
    if (err) {
      this.report('error', `could not send the result of request ${String(id)}: ${err.message}`);
      this.enqueue(errorResponse(id, internalError(err.message)));
    }
  }

  private answerError(key: string, id: JsonRpcId, err: unknown, signal: AbortSignal): void {
    this.inbound.delete(key);
    if (this.closeError) return;
    let error: RpcErrorObject;
    if (err instanceof RpcFailure) error = err.error;
    else if (signal.aborted && isAbortLike(err)) error = requestCancelled();
    else {
      const message = err instanceof Error ? err.message : String(err);
      this.report('warn', `request handler failed: ${message}`, { id });
      error = internalError(message);
    }
    this.enqueue(errorResponse(id, error));
  }

  private reportHandlerFailure(err: unknown): void {
    this.report('error', `notification handler failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  private report(level: EndpointEvent['level'], msg: string, data?: Record<string, unknown>): void {
    this.options.report?.(data ? { level, msg, data } : { level, msg });
  }

  /** Closes: every pending request rejects with `connection_closed`, every inbound handler aborts. */
  shutdown(error: TroupeError = new TroupeError(ACP_ERRORS.connectionClosed, 'ACP connection closed')): void {
    if (this.closeError) return;
    this.closeError = error;
    void this.transport.close();
    for (const id of this.pending.keys()) this.settle(id, undefined, error);
    for (const c of this.inbound.values()) c.abort(error);
    this.inbound.clear();
    for (const l of this.closeListeners.splice(0)) l(error);
  }
}
