/**
 * Entry points of validation: params and results by method name. Results
 * are the same object that came in (no copy), typed.
 */
import { invalidParams } from '../json-rpc/rpc-errors.js';
import type { RpcErrorObject } from '../types/json-rpc.js';
import type { KnownMethod, ParamsOf, RequestMethod, ResultOf } from '../types/method-map.js';
import { runCheck } from './check.js';
import { PARAMS_CHECKS } from './params-checks.js';
import { RESULT_CHECKS } from './result-checks.js';

/**
 * Where and why a value failed. `path` is a JSON Pointer (`""` is the value itself).
 *
 * @example
 * const i: Issue = { path: '/prompt/0/type', reason: 'must be one of text, image' };
 */
export interface Issue {
  path: string;
  reason: string;
}

/**
 * Outcome of validating a result.
 *
 * @example
 * const v: Validation<PromptResult> = validateResult('session/prompt', result);
 */
export type Validation<T> = { ok: true; value: T } | { ok: false; issue: Issue };

/**
 * Outcome of validating params; a failure carries the ready `-32602` error.
 *
 * @example
 * const v: ParamsValidation<PromptParams> = validateParams('session/prompt', params);
 */
export type ParamsValidation<T> = { ok: true; value: T } | { ok: false; issue: Issue; error: RpcErrorObject };

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Validates the params of a stable method. Absent or `null` params count as
 * `{}` (so `logout` and `session/list` need none). Unknown members and
 * `_meta` pass through untouched.
 *
 * @example
 * const v = validateParams('session/prompt', frame.params);
 * if (!v.ok) write(errorResponse(frame.id, v.error)); // -32602, data.path e.g. '/prompt/0/type'
 */
export function validateParams<M extends KnownMethod>(method: M, params: unknown): ParamsValidation<ParamsOf<M>> {
  const value = params === undefined || params === null ? EMPTY : params;
  const issue = runCheck(PARAMS_CHECKS[method], value);
  if (issue === undefined) return { ok: true, value: value as ParamsOf<M> };
  return { ok: false, issue, error: invalidParams(issue.path, issue.reason) };
}

/**
 * Validates the result of a stable request method (e.g. the `initialize`
 * reply in drive mode, a permission outcome in serve mode).
 *
 * @example
 * const r = validateResult('session/prompt', reply.result);
 * if (r.ok) settle(r.value.stopReason);
 */
export function validateResult<M extends RequestMethod>(method: M, result: unknown): Validation<ResultOf<M>> {
  const issue = runCheck(RESULT_CHECKS[method], result);
  return issue === undefined ? { ok: true, value: result as ResultOf<M> } : { ok: false, issue };
}
