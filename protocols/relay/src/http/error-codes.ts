/**
 * The relay's wire error codes and their HTTP statuses (§3.2), as data.
 *
 * @example
 * ERROR_CODES.ERR_NOT_CONNECTED.status; // 503
 */
export const ERROR_CODES = {
  ERR_INVALID_REQUEST: { status: 400, meaning: 'bad JSON, missing or invalid field, bad link, bad query parameter' },
  ERR_AMBIGUOUS_PEER: { status: 400, meaning: 'more than one peer connected and no peer_id given' },
  ERR_REPLAY_DETECTED: { status: 400, meaning: 'HTTP-side signature timestamp outside the ±300 s window' },
  ERR_INVALID_SIGNATURE: { status: 400, meaning: 'HTTP-side signature invalid' },
  ERR_FORBIDDEN: { status: 403, meaning: 'failed Origin/Host check, or webhook registration from a non-loopback client' },
  ERR_NOT_FOUND: { status: 404, meaning: 'unknown peer, task or path' },
  ERR_TIMEOUT: { status: 408, meaning: 'synchronous send got no reply in time' },
  ERR_INVALID_STATE: { status: 409, meaning: 'task transition not allowed' },
  ERR_TASK_NOT_CANCELABLE: { status: 409, meaning: 'DELETE of a terminal task' },
  ERR_MSG_TOO_LARGE: { status: 413, meaning: 'frame larger than max_msg_bytes' },
  ERR_INTERNAL: { status: 500, meaning: 'unexpected failure' },
  ERR_AGENT_FAILED: { status: 502, meaning: "Troupe: the peer's agent failed its turn (an acp.reply carrying error_code/error)" },
  ERR_NOT_CONNECTED: { status: 503, meaning: 'no usable connection and the message was not queued' },
  ERR_PEER_CONNECTING: { status: 503, meaning: 'the peer is registered but its socket is not ready yet' },
} as const satisfies Record<string, { status: number; meaning: string }>;

/** One of the `ERR_*` codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * True for a known `ERR_*` code.
 *
 * @example
 * isErrorCode('ERR_TIMEOUT'); // true
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/**
 * The HTTP status of a code.
 *
 * @example
 * httpStatusOf('ERR_MSG_TOO_LARGE'); // 413
 */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}
