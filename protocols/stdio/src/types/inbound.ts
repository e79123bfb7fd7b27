/**
 * What the JSON-RPC decoder makes of one received line (spec §3.4, §4).
 * Exactly one of these per line; the decoder never throws.
 */
import type { JsonRpcId, RpcErrorObject, RpcFailure } from './json-rpc.js';

interface Envelope {
  /** The frame lacked `"jsonrpc"`; tolerated, to be reported once per connection (§4). */
  missingVersion: boolean;
}

/**
 * A request: answer it exactly once. `params` is unvalidated (see `validateParams`).
 *
 * @example
 * if (m.type === 'request') validateParams(m.method as KnownMethod, m.params);
 */
export interface InboundRequest extends Envelope {
  type: 'request';
  id: JsonRpcId;
  method: string;
  params: unknown;
}

/**
 * A notification: never answer it.
 *
 * @example
 * if (m.type === 'notification' && m.method === 'session/update') decodeSessionUpdate(m.params);
 */
export interface InboundNotification extends Envelope {
  type: 'notification';
  method: string;
  params: unknown;
}

/**
 * A success response to one of our requests.
 *
 * @example
 * if (m.type === 'result') pending.get(m.id)?.resolve(m.result);
 */
export interface InboundResult {
  type: 'result';
  id: JsonRpcId;
  result: unknown;
}

/**
 * An error response to one of our requests.
 *
 * @example
 * if (m.type === 'error') pending.get(m.id)?.reject(m.error);
 */
export interface InboundError {
  type: 'error';
  id: JsonRpcId;
  error: RpcErrorObject;
}

/**
 * A frame that is JSON-RPC-shaped but wrong. If `reply` is set, write it
 * (e.g. `-32700`/`-32600` with `id: null`); otherwise stay silent. `id` is
 * set for a malformed response, so the pending request can be failed.
 *
 * @example
 * if (m.type === 'invalid' && m.reply) write(m.reply);
 */
export interface InboundInvalid {
  type: 'invalid';
  reason: string;
  reply?: RpcFailure;
  id?: JsonRpcId;
  raw: unknown;
}

/**
 * Drive mode: stdout noise (a banner, a log line). Count and report it; never answer (§3.4).
 *
 * @example
 * if (m.type === 'noise') stdoutNoiseLines++;
 */
export interface InboundNoise {
  type: 'noise';
  /** At most the first 200 bytes of the line. */
  preview: string;
}

/**
 * Any decoded line.
 *
 * @example
 * const m: Inbound = decodeLine(text, 'serve');
 * if (m.type === 'invalid' && m.reply) write(m.reply);
 */
export type Inbound = InboundRequest | InboundNotification | InboundResult | InboundError | InboundInvalid | InboundNoise;
