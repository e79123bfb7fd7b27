import { DEFAULT_SYNC_TIMEOUT_SECONDS, MAX_SYNC_TIMEOUT_SECONDS } from '../core/limits.js';
import { err, ok, type Result } from '../core/result.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

const SECONDS = /^\d+(\.\d+)?$/;

/**
 * Decodes `timeout` of `GET /wait/{correlation_id}` (§3.8): seconds, default 30, capped at 300 like
 * a synchronous send's. `0` only looks for a reply that is already there. Anything but a
 * non-negative decimal number is a 400.
 *
 * @example
 * decodeReplyWaitQuery(new URLSearchParams('timeout=2.5')); // { ok: true, value: { timeoutSeconds: 2.5 } }
 * decodeReplyWaitQuery(new URLSearchParams('timeout=-1')).ok; // false
 */
export function decodeReplyWaitQuery(q: URLSearchParams): Result<{ timeoutSeconds: number }, HttpError> {
  const text = q.get('timeout');
  if (text === null || text === '') return ok({ timeoutSeconds: DEFAULT_SYNC_TIMEOUT_SECONDS });
  if (!SECONDS.test(text)) return err(invalidRequest(`timeout must be a non-negative number of seconds, got '${text.slice(0, 40)}'`));
  return ok({ timeoutSeconds: Math.min(Number(text), MAX_SYNC_TIMEOUT_SECONDS) });
}
