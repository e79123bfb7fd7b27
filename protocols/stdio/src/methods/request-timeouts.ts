/**
 * Troupe's default request timeouts (spec §13.2) [Troupe]. The protocol and
 * the SDK have none; Troupe never lets a request hang.
 */

/**
 * Defaults in milliseconds. `session/prompt` has none: turns can run for
 * hours (an optional turn timeout sends `session/cancel` instead).
 *
 * @example
 * REQUEST_TIMEOUTS_MS.initialize; // 60000
 */
export const REQUEST_TIMEOUTS_MS = Object.freeze({
  initialize: 60_000,
  sessionSetup: 60_000,
  other: 30_000,
});

const SETUP = new Set(['session/new', 'session/load', 'session/resume']);

/**
 * The default timeout for a request method, or `undefined` for none.
 *
 * @example
 * defaultRequestTimeoutMs('session/prompt'); // undefined
 * defaultRequestTimeoutMs('fs/read_text_file'); // 30000
 */
export function defaultRequestTimeoutMs(method: string): number | undefined {
  if (method === 'session/prompt') return undefined;
  if (method === 'initialize') return REQUEST_TIMEOUTS_MS.initialize;
  return SETUP.has(method) ? REQUEST_TIMEOUTS_MS.sessionSetup : REQUEST_TIMEOUTS_MS.other;
}
