import { getOwn, isJsonObject, oneLine, type JsonValue } from '../core/json.js';
import { MAX_MSG_BYTES } from '../core/limits.js';
import { replyError, type ReplyFrame } from '../frames/reply-frame.js';
import { httpStatusOf, isErrorCode, type ErrorCode } from './error-codes.js';

/**
 * The error body every Troupe error response uses (§3.2). It always contains `error`, so clients
 * written against upstream's bare `{"error": …}` bodies keep working.
 */
export interface ErrorEnvelope {
  ok: false;
  error_code: ErrorCode;
  error: string;
  /** Present whenever a message id was known when the request failed. */
  failed_message_id?: string;
  /** Only with `ERR_AMBIGUOUS_PEER`. */
  connected_peers?: string[];
  [extra: string]: JsonValue;
}

/** An error response: status plus body. */
export interface HttpError {
  readonly status: number;
  readonly body: ErrorEnvelope;
}

/** Members added to the envelope besides the code and text. */
export type ErrorExtras = { failed_message_id?: string | undefined; connected_peers?: string[] } & Record<string, JsonValue | undefined>;

/**
 * Builds an error response with the status of its code.
 *
 * @example
 * httpError('ERR_TIMEOUT', 'reply timeout', { failed_message_id: 'msg_4afbcc4df500' });
 * // { status: 408, body: { ok: false, error_code: 'ERR_TIMEOUT', error: 'reply timeout', failed_message_id: 'msg_4afbcc4df500' } }
 */
export function httpError(code: ErrorCode, message: string, extras: ErrorExtras = {}): HttpError {
  // Texts may quote client input; keep them one bounded line.
  const body: ErrorEnvelope = { ok: false, error_code: code, error: oneLine(message, 1_000) };
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined && key !== 'ok' && key !== 'error_code' && key !== 'error') body[key] = value;
  }
  return { status: httpStatusOf(code), body };
}

/**
 * 400 `ERR_INVALID_REQUEST`.
 *
 * @example
 * invalidRequest("invalid role 'bot': must be 'user' or 'agent'");
 */
export function invalidRequest(message: string, extras: ErrorExtras = {}): HttpError {
  return httpError('ERR_INVALID_REQUEST', message, extras);
}

/**
 * 400 `ERR_AMBIGUOUS_PEER` with the connected peer ids. Troupe writes `{id}` where upstream's text
 * has a doubled-brace slip (§3.4.1).
 *
 * @example
 * ambiguousPeerError(['peer_001', 'peer_002']).body.error;
 * // "multiple peers connected (2); specify 'peer_id' in the request body or use POST /peer/{id}/send for directed delivery"
 */
export function ambiguousPeerError(connectedPeers: readonly string[], failedMessageId?: string): HttpError {
  return httpError(
    'ERR_AMBIGUOUS_PEER',
    `multiple peers connected (${connectedPeers.length}); specify 'peer_id' in the request body or use POST /peer/{id}/send for directed delivery`,
    { failed_message_id: failedMessageId, connected_peers: [...connectedPeers] },
  );
}

/**
 * 404 for an unknown path or method.
 *
 * @example
 * notFoundError(); // { status: 404, body: { ok: false, error_code: 'ERR_NOT_FOUND', error: 'not found' } }
 */
export function notFoundError(message = 'not found'): HttpError {
  return httpError('ERR_NOT_FOUND', message);
}

/**
 * 404 `peer '<id>' not found`.
 *
 * @example
 * peerNotFoundError('peer_999').body.error; // "peer 'peer_999' not found"
 */
export function peerNotFoundError(peerId: string, failedMessageId?: string): HttpError {
  return httpError('ERR_NOT_FOUND', `peer '${peerId}' not found`, { failed_message_id: failedMessageId });
}

/**
 * 404 `task not found`.
 *
 * @example
 * taskNotFoundError().status; // 404
 */
export function taskNotFoundError(): HttpError {
  return httpError('ERR_NOT_FOUND', 'task not found');
}

/**
 * 413 `message too large (max 1048576 bytes)`, naming the message that was not sent.
 *
 * @example
 * if (out.tooLarge) return messageTooLargeError(frame.message_id); // 413
 */
export function messageTooLargeError(failedMessageId: string, maxBytes: number = MAX_MSG_BYTES): HttpError {
  return httpError('ERR_MSG_TOO_LARGE', `message too large (max ${maxBytes} bytes)`, { failed_message_id: failedMessageId });
}

/**
 * 408 `reply timeout` for a synchronous send.
 *
 * @example
 * replyTimeoutError('msg_4afbcc4df500').status; // 408
 */
export function replyTimeoutError(failedMessageId: string): HttpError {
  return httpError('ERR_TIMEOUT', 'reply timeout', { failed_message_id: failedMessageId });
}

/**
 * The answer to a synchronous wait whose `acp.reply` says the peer's agent failed its turn
 * (Troupe extension, §2.4.3): 502 `ERR_AGENT_FAILED` (or the reply's own known `ERR_*` code) with
 * the reply frame as `reply`; `undefined` for an ordinary reply.
 *
 * @example
 * const failed = failedReplyError(reply, { failed_message_id: 'm1' });
 * if (failed) return fail(failed); // 502
 */
export function failedReplyError(reply: ReplyFrame, extras: ErrorExtras = {}): HttpError | undefined {
  const failure = replyError(reply);
  if (failure === undefined) return undefined;
  const code = isErrorCode(failure.code) ? failure.code : 'ERR_AGENT_FAILED';
  return httpError(code, failure.message, { ...extras, reply: reply as unknown as JsonValue });
}

/**
 * True when `value` is a well-formed envelope: `ok: false`, a known `error_code`, a string `error`.
 *
 * @example
 * isErrorEnvelope({ ok: false, error_code: 'ERR_NOT_FOUND', error: 'not found' }); // true
 */
export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return isJsonObject(value) && getOwn(value, 'ok') === false && isErrorCode(getOwn(value, 'error_code')) && typeof getOwn(value, 'error') === 'string';
}
