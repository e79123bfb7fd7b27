/**
 * The contract of an RpcEndpoint: handler and option shapes, the default timeouts (§13.2) and
 * ReplyThen. Kept apart so the endpoint file holds only the engine.
 */
import type { Clock } from '@troupe/runtime';
import type { JsonRpcId, KnownUpdate, PeerMode } from '@troupe/protocol-stdio';

/** What an inbound request handler receives besides its params. */
export interface RequestContext {
  readonly id: JsonRpcId;
  readonly method: string;
  /** Aborts on `$/cancel_request` for this id and when the connection closes. */
  readonly signal: AbortSignal;
}

/** Handlers of one endpoint. Return a result (or a promise); throw `RpcFailure` for a wire error. */
export interface EndpointHandlers {
  request(method: string, params: unknown, ctx: RequestContext): unknown;
  notification(method: string, params: unknown): void;
  /**
   * Drive mode: `session/update` text chunks in the canonical key order, decoded on the fast path
   * (`TextChunkReader`) instead of going through `notification` + `decodeSessionUpdate`, which
   * would yield the same value. Without it every frame takes the full path.
   */
  update?(received: KnownUpdate): void;
}

/** A diagnostic the endpoint reports (the plugin turns it into an inspection event). */
export interface EndpointEvent {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Options of {@link RpcEndpoint}. */
export interface EndpointOptions {
  readonly mode: PeerMode;
  readonly clock?: Clock;
  /** Timeout per method of our outbound requests; `undefined` = no timeout. Default: §13.2 table. */
  readonly timeoutFor?: (method: string) => number | undefined;
  /** How long to wait for the peer's answer after `$/cancel_request`. Default 10 s. */
  readonly cancelTimeoutMs?: number;
  readonly report?: (event: EndpointEvent) => void;
  /** Longest frame written and read, in bytes (what an over-long inbound line is measured against). Default 32 MiB. */
  readonly maxMessageBytes?: number;
}

/** Per-call options of `request`. */
export interface RequestOptions {
  readonly timeoutMs?: number | undefined;
  /** Aborting sends `$/cancel_request` and rejects (with the signal's reason) once answered or timed out. */
  readonly signal?: AbortSignal | undefined;
  /** Called synchronously on settlement (see `requestSync`). */
  readonly sync?: ((err: Error | undefined, result: unknown) => void) | undefined;
}


/**
 * §13.2 default timeouts. [Troupe decision] Requests that wait on a person or on a command the
 * agent started (permission, elicitation, `terminal/wait_for_exit`) have none either, like prompts.
 *
 * @example
 * defaultTimeout('session/new'); // 60_000
 */
export function defaultTimeout(method: string): number | undefined {
  if (method === 'session/prompt' || method === 'session/request_permission' || method === 'elicitation/create' || method === 'terminal/wait_for_exit') return undefined;
  if (method === 'initialize' || method === 'session/new' || method === 'session/load' || method === 'session/resume') return 60_000;
  return 30_000;
}

/**
 * A handler result whose `after` runs right after the response frame was queued: how serve mode
 * writes updates an agent emitted during `session/new` only after the response (O2).
 *
 * @example
 * return new ReplyThen({ sessionId }, () => flushHeldUpdates());
 */
export class ReplyThen {
  constructor(readonly value: unknown, readonly after: () => void) {}
}
