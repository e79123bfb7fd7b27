import { firstProblem, type FieldKind } from '../core/field-checks.js';
import { getOwn, type JsonObject } from '../core/json.js';
import { invalidRequest, type ErrorExtras, type HttpError } from './error-envelope.js';

/** Internal helpers shared by the HTTP body decoders. */

/** First wrong-typed field as a 400, or `undefined`. */
export function fieldError(body: JsonObject, checks: ReadonlyArray<readonly [string, FieldKind, boolean?]>, extras: ErrorExtras = {}): HttpError | undefined {
  const problem = firstProblem(body, checks);
  return problem === undefined ? undefined : invalidRequest(problem, extras);
}

/** A string member (already type-checked), or `undefined` when absent or `null`. */
export function stringField(body: JsonObject, key: string): string | undefined {
  const value = getOwn(body, key);
  return typeof value === 'string' ? value : undefined;
}

/** A boolean member (already type-checked); absent or `null` is `false`. */
export function flagField(body: JsonObject, key: string): boolean {
  return getOwn(body, key) === true;
}

/** An absolute `http://` or `https://` URL with a host (webhook and extension URIs). */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/?#]+/i.test(value);
}
