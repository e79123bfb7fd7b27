import { firstProblem } from '../core/field-checks.js';
import type { JsonObject } from '../core/json.js';
import type { FrameCommon } from './frame-common.js';

/**
 * `error` (§2.4.6): sent only by a host, as the single frame before it closes (code 1000, empty
 * reason) a connection that presented a wrong token. No other error frames exist.
 */
export interface ErrorFrame extends FrameCommon {
  type: 'error';
  code: string;
}

/** The code of the only error frame in use. */
export const INVALID_TOKEN_CODE = 'invalid_token';

/** WebSocket close code and reason that follow the invalid-token frame. */
export const INVALID_TOKEN_CLOSE = { code: 1000, reason: '' } as const;

/**
 * Builds `{"type": "error", "code": "invalid_token"}`.
 *
 * @example
 * encodeFrame(buildInvalidTokenFrame()); // '{"type":"error","code":"invalid_token"}'
 */
export function buildInvalidTokenFrame(): ErrorFrame {
  return { type: 'error', code: INVALID_TOKEN_CODE };
}

/** Checks the members of an error frame; returns the first problem, or `undefined`. */
export function checkErrorFrame(frame: JsonObject): string | undefined {
  return firstProblem(frame, [['code', 'non-empty string', true]]);
}
