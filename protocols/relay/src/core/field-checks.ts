import { getOwn, isJsonObject, jsonTypeName, type JsonObject } from './json.js';

/**
 * Small field checkers shared by the frame, card and HTTP body decoders. Each returns `undefined`
 * when the field is acceptable, or a sentence naming the field and what was wrong with it.
 * Absent and `null` count as the same thing (§2.3).
 */

/** The JSON shapes a field can be required to have. */
export type FieldKind = 'string' | 'non-empty string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

function matches(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'non-empty string':
      return typeof value === 'string' && value.length > 0;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

function article(kind: FieldKind): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/**
 * Checks `obj[key]` against `kind`. A missing or `null` field passes unless `required` is set.
 *
 * @example
 * checkField({ from: 5 }, 'from', 'string'); // "field 'from' must be a string, got integer"
 */
function checkField(obj: JsonObject, key: string, kind: FieldKind, required = false): string | undefined {
  const value = getOwn(obj, key);
  if (value === undefined || value === null) return required ? `missing required field '${key}'` : undefined;
  if (matches(kind, value)) return undefined;
  if (kind === 'non-empty string' && value === '') return `field '${key}' must not be empty`;
  return `field '${key}' must be ${article(kind)} ${kind}, got ${jsonTypeName(value)}`;
}

/**
 * Runs several {@link checkField} calls and returns the first problem.
 *
 * @example
 * firstProblem(frame, [['task_id', 'non-empty string', true], ['error', 'string']]);
 */
export function firstProblem(obj: JsonObject, checks: ReadonlyArray<readonly [string, FieldKind, boolean?]>): string | undefined {
  for (const [key, kind, required] of checks) {
    const problem = checkField(obj, key, kind, required ?? false);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
