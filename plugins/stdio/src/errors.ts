import { TroupeError } from '@troupe/runtime';
import type { RpcErrorObject } from '@troupe/protocol-stdio';

/**
 * Local error codes of the stdio plugin (agent-client-protocol.md §12). Wire errors from the peer
 * arrive as `acp_error` with `{ code, message, data }` in `details`.
 *
 * @example
 * if (TroupeError.is(err, ACP_ERRORS.connectionClosed)) reconnect();
 */
export const ACP_ERRORS = {
  connectionClosed: 'connection_closed',
  spawnFailed: 'spawn_failed',
  unsupportedProtocolVersion: 'unsupported_protocol_version',
  capabilityNotSupported: 'capability_not_supported',
  messageTooLarge: 'message_too_large',
  requestTimeout: 'request_timeout',
  turnClosed: 'turn_closed',
  acpError: 'acp_error',
} as const;

/**
 * Thrown by request handlers to answer with a specific JSON-RPC error object instead of -32603.
 *
 * @example
 * throw new RpcFailure(sessionNotFound('s-404'));
 */
export class RpcFailure extends Error {
  override readonly name = 'RpcFailure';
  constructor(readonly error: RpcErrorObject) {
    super(error.message);
  }
}

/**
 * The local error for a JSON-RPC error reply received from the peer.
 *
 * @example
 * acpError('session/prompt', { code: -32002, message: 'Resource not found' }).details?.['code']; // -32002
 */
export function acpError(method: string, error: RpcErrorObject): TroupeError {
  const details: Record<string, unknown> = { method, code: error.code, message: error.message };
  if (error.data !== undefined) details['data'] = error.data;
  return new TroupeError(ACP_ERRORS.acpError, `${method} failed: ${error.message} (${error.code})`, { details });
}

/**
 * True for the errors an aborted handler typically throws (DOM AbortError, runtime CANCELLED).
 *
 * @example
 * isAbortLike(Object.assign(new Error('x'), { name: 'AbortError' })); // true
 */
export function isAbortLike(err: unknown): boolean {
  if (err instanceof TroupeError) return err.code === 'CANCELLED';
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
