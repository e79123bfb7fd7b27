/**
 * Builders for the error objects Troupe sends (spec §4, §12). Each returns a
 * fresh `{code, message, data?}`; wrap it with `errorResponse(id, error)`.
 */
import type { RpcErrorObject } from '../types/json-rpc.js';
import { ERROR_CODES } from './error-codes.js';

/**
 * A JSON Pointer (RFC 6901) to a field, from path segments.
 *
 * @example
 * toJsonPointer(['prompt', 0, 'type']); // '/prompt/0/type'
 */
export function toJsonPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/**
 * `-32700`: the line is not JSON.
 *
 * @example
 * errorResponse(null, parseError('Unexpected token'));
 */
export function parseError(detail?: string): RpcErrorObject {
  return detail === undefined
    ? { code: ERROR_CODES.parseError, message: 'Parse error' }
    : { code: ERROR_CODES.parseError, message: 'Parse error', data: { details: detail } };
}

/**
 * `-32600`: not a valid request. `reason` is a sentence for humans.
 *
 * @example
 * invalidRequest('JSON-RPC batches are not supported');
 */
export function invalidRequest(reason: string, data?: Record<string, unknown>): RpcErrorObject {
  return { code: ERROR_CODES.invalidRequest, message: `Invalid request: ${reason}`, data: { reason, ...data } };
}

/**
 * `-32601` for a method nobody handles here.
 *
 * @example
 * methodNotFound('_example.com/ping');
 */
export function methodNotFound(method: string): RpcErrorObject {
  return { code: ERROR_CODES.methodNotFound, message: `Method not found: ${method}`, data: { method } };
}

/**
 * `-32602` naming the failing field. `field` is a JSON Pointer string or
 * path segments; `data.path` always carries the pointer (e.g. `/prompt/0/type`).
 *
 * @example
 * invalidParams(['cwd'], 'must be an absolute path');
 */
export function invalidParams(field: string | readonly (string | number)[], why: string): RpcErrorObject {
  const path = typeof field === 'string' ? field : toJsonPointer(field);
  return { code: ERROR_CODES.invalidParams, message: `Invalid params: ${path || '/'} ${why}`, data: { path, reason: why } };
}

/**
 * `-32603`. `details` is a message, never a stack trace.
 *
 * @example
 * internalError(err instanceof Error ? err.message : undefined);
 */
export function internalError(details?: string): RpcErrorObject {
  return details === undefined
    ? { code: ERROR_CODES.internalError, message: 'Internal error' }
    : { code: ERROR_CODES.internalError, message: 'Internal error', data: { details } };
}

/**
 * `-32800`: the request was cancelled (`$/cancel_request` or internally).
 *
 * @example
 * errorResponse(id, requestCancelled());
 */
export function requestCancelled(): RpcErrorObject {
  return { code: ERROR_CODES.requestCancelled, message: 'Request cancelled' };
}

/**
 * `-32000`: authenticate first.
 *
 * @example
 * authRequired();
 */
export function authRequired(message = 'Authentication required'): RpcErrorObject {
  return { code: ERROR_CODES.authRequired, message };
}

/**
 * `-32002` with `data` describing what was missing.
 *
 * @example
 * resourceNotFound('terminal', { terminalId: 't-9' });
 */
export function resourceNotFound(what: string, data: Record<string, unknown>): RpcErrorObject {
  return { code: ERROR_CODES.resourceNotFound, message: `Resource not found: ${what}`, data };
}

/**
 * `-32002` for an unknown session, with `data.sessionId` (checklist 21.15).
 *
 * @example
 * sessionNotFound('s-404').data; // { sessionId: 's-404' }
 */
export function sessionNotFound(sessionId: string): RpcErrorObject {
  return resourceNotFound('session', { sessionId });
}

/**
 * `-32600` for a line over the size limit (§3.2): `message` is exactly
 * `"message too large"` and `data.limit` the limit in bytes.
 *
 * @example
 * messageTooLarge(32 * 1024 * 1024);
 */
export function messageTooLarge(limit: number): RpcErrorObject {
  return { code: ERROR_CODES.invalidRequest, message: 'message too large', data: { limit } };
}

/**
 * `-32600` for a request before `initialize` completed, worded like the SDK.
 *
 * @example
 * notInitialized('session/new');
 */
export function notInitialized(method: string): RpcErrorObject {
  return {
    code: ERROR_CODES.invalidRequest,
    message: `ACP connection must be initialized before '${method}'`,
    data: { method },
  };
}

/**
 * `-32600` for a second `initialize` on one connection.
 *
 * @example
 * alreadyInitialized().message; // 'Invalid request: already initialized'
 */
export function alreadyInitialized(): RpcErrorObject {
  return invalidRequest('already initialized');
}

/**
 * `-32600` for a second `session/prompt` while a turn is running.
 *
 * @example
 * turnAlreadyActive('s-1');
 */
export function turnAlreadyActive(sessionId: string): RpcErrorObject {
  return invalidRequest('a prompt turn is already active for this session', { sessionId });
}
