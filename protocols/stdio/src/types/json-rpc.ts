/**
 * JSON-RPC 2.0 frame shapes as ACP uses them (spec §4). Batches do not exist
 * in ACP, so there is no batch type.
 */

/**
 * A request id. Troupe sends integers; it accepts strings, numbers and (as
 * JSON-RPC and the v1 schema allow) `null`. The JSON type is significant:
 * `"7"` and `7` are different ids.
 *
 * @example
 * const id: JsonRpcId = 7;
 */
export type JsonRpcId = string | number | null;

/**
 * The error object of a failed response.
 *
 * @example
 * const e: RpcErrorObject = { code: -32601, message: 'Method not found' };
 */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * A request frame: answered by exactly one response.
 *
 * @example
 * const r: RpcRequest = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: 1 } };
 */
export interface RpcRequest<P = unknown> {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: P;
}

/**
 * A notification frame: never answered, not even with an error.
 *
 * @example
 * const n: RpcNotification = { jsonrpc: '2.0', method: 'session/cancel', params: { sessionId: 's' } };
 */
export interface RpcNotification<P = unknown> {
  jsonrpc: '2.0';
  method: string;
  params?: P;
}

/**
 * A successful response; `id` echoes the request's id with its JSON type.
 *
 * @example
 * const ok: RpcSuccess = { jsonrpc: '2.0', id: 0, result: {} };
 */
export interface RpcSuccess<R = unknown> {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result: R;
}

/**
 * A failed response. `id` is `null` when the request's id could not be read.
 *
 * @example
 * const bad: RpcFailure = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } };
 */
export interface RpcFailure {
  jsonrpc: '2.0';
  id: JsonRpcId;
  error: RpcErrorObject;
}

/**
 * Any frame Troupe writes.
 *
 * @example
 * const frames: RpcMessage[] = [];
 */
export type RpcMessage = RpcRequest | RpcNotification | RpcSuccess | RpcFailure;
