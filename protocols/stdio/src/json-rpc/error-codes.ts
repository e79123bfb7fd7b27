/**
 * The ACP v1 error-code table (spec §12) as data. `-32022` (unsupported
 * protocol version) is deliberately absent: it exists only in the v2 draft.
 */

/**
 * Error codes by name.
 *
 * @example
 * if (error.code === ERROR_CODES.resourceNotFound) { … }
 */
export const ERROR_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  requestCancelled: -32800,
  authRequired: -32000,
  resourceNotFound: -32002,
} as const;

/**
 * A name of {@link ERROR_CODES}.
 *
 * @example
 * const name: ErrorCodeName = 'invalidParams';
 */
export type ErrorCodeName = keyof typeof ERROR_CODES;

/**
 * One row of the table: code, the standard message, and when Troupe sends it.
 *
 * @example
 * const row: ErrorCodeInfo | undefined = describeErrorCode(-32601);
 */
export interface ErrorCodeInfo {
  name: ErrorCodeName;
  code: number;
  message: string;
  when: string;
}

/**
 * The full table, in spec order. Messages match the schema's titles, which is
 * what SDK peers send.
 *
 * @example
 * ERROR_TABLE.find((e) => e.code === -32601)?.message; // 'Method not found'
 */
export const ERROR_TABLE: readonly ErrorCodeInfo[] = Object.freeze([
  { name: 'parseError', code: -32700, message: 'Parse error', when: 'a line that is not JSON (id null)' },
  { name: 'invalidRequest', code: -32600, message: 'Invalid request', when: 'a batch; a request before initialize; a second initialize; a second prompt during a turn; an over-long request line' },
  { name: 'methodNotFound', code: -32601, message: 'Method not found', when: 'unknown method, unhandled extension request, unsupported gated method' },
  { name: 'invalidParams', code: -32602, message: 'Invalid params', when: 'params schema failure; relative path; unadvertised prompt block; fs path outside roots; unadvertised elicitation mode' },
  { name: 'internalError', code: -32603, message: 'Internal error', when: 'an unexpected exception in a handler (data.details, never a stack)' },
  { name: 'requestCancelled', code: -32800, message: 'Request cancelled', when: 'answer to a $/cancel_request-ed request, or an internal cancellation' },
  { name: 'authRequired', code: -32000, message: 'Authentication required', when: 'the agent needs authenticate first' },
  { name: 'resourceNotFound', code: -32002, message: 'Resource not found', when: 'unknown sessionId (data.sessionId), unknown terminalId, missing file' },
].map((e) => Object.freeze(e as ErrorCodeInfo)));

const BY_CODE = new Map(ERROR_TABLE.map((e) => [e.code, e]));

/**
 * The table row for a code, or `undefined` for implementation-defined codes.
 *
 * @example
 * describeErrorCode(-32002)?.name; // 'resourceNotFound'
 */
export function describeErrorCode(code: number): ErrorCodeInfo | undefined {
  return BY_CODE.get(code);
}
