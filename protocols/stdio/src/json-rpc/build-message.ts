/**
 * Frame builders. Every frame carries `"jsonrpc":"2.0"` (spec §4); typed
 * overloads tie params and results to the method name.
 */
import type { JsonRpcId, RpcErrorObject, RpcFailure, RpcNotification, RpcRequest, RpcSuccess } from '../types/json-rpc.js';
import type { NotificationMap, NotificationMethod, ParamsOf, RequestMethod, ResultOf } from '../types/method-map.js';

/**
 * A request frame. Stable methods are type-checked; extension methods take any params.
 *
 * @example
 * request(0, 'initialize', { protocolVersion: 1, clientCapabilities: {} });
 */
export function request<M extends RequestMethod>(id: JsonRpcId, method: M, params: ParamsOf<M>): RpcRequest<ParamsOf<M>>;
export function request(id: JsonRpcId, method: `_${string}`, params?: unknown): RpcRequest;
export function request(id: JsonRpcId, method: string, params?: unknown): RpcRequest {
  return params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
}

/**
 * A notification frame.
 *
 * @example
 * notification('session/cancel', { sessionId: 's-1' });
 */
export function notification<M extends NotificationMethod>(method: M, params: NotificationMap[M]): RpcNotification<NotificationMap[M]>;
export function notification(method: `_${string}`, params?: unknown): RpcNotification;
export function notification(method: string, params?: unknown): RpcNotification {
  return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
}

/**
 * A success response, typed by the method it answers when given.
 *
 * @example
 * resultResponse<'session/prompt'>(4, { stopReason: 'end_turn' });
 */
export function resultResponse<M extends RequestMethod>(id: JsonRpcId, result: ResultOf<M>): RpcSuccess<ResultOf<M>>;
export function resultResponse(id: JsonRpcId, result: unknown): RpcSuccess;
export function resultResponse(id: JsonRpcId, result: unknown): RpcSuccess {
  return { jsonrpc: '2.0', id, result };
}

/**
 * An error response. Use `id: null` only when the request id is unknown.
 *
 * @example
 * errorResponse(7, methodNotFound('session/fork'));
 */
export function errorResponse(id: JsonRpcId, error: RpcErrorObject): RpcFailure {
  return { jsonrpc: '2.0', id, error };
}
