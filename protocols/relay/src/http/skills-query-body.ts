import { getOwn, isJsonObject, jsonTypeName, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { fieldError, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/** A validated `POST /skills/query` body (§3.7.6). */
export interface SkillsQueryRequest {
  readonly skillId?: string;
  readonly constraints: { readonly fileSizeBytes?: number; readonly inputMode?: string };
}

/**
 * Validates a skills query body.
 *
 * @example
 * decodeSkillsQueryBody({ skill_id: 'summarize', constraints: { file_size_bytes: 10 } });
 * // { ok: true, value: { skillId: 'summarize', constraints: { fileSizeBytes: 10 } } }
 */
export function decodeSkillsQueryBody(body: JsonObject): Result<SkillsQueryRequest, HttpError> {
  const bad = fieldError(body, [['skill_id', 'string']]);
  if (bad !== undefined) return err(bad);
  const raw = getOwn(body, 'constraints');
  const constraints: { fileSizeBytes?: number; inputMode?: string } = {};
  if (raw !== undefined && raw !== null) {
    if (!isJsonObject(raw)) return err(invalidRequest(`field 'constraints' must be an object, got ${jsonTypeName(raw)}`));
    const badConstraint = fieldError(raw, [
      ['file_size_bytes', 'integer'],
      ['input_mode', 'string'],
    ]);
    if (badConstraint !== undefined) return err(invalidRequest(`constraints: ${badConstraint.body.error}`));
    const size = getOwn(raw, 'file_size_bytes');
    if (typeof size === 'number') {
      if (size < 0) return err(invalidRequest("constraints: field 'file_size_bytes' must not be negative"));
      constraints.fileSizeBytes = size;
    }
    const mode = stringField(raw, 'input_mode');
    if (mode !== undefined) constraints.inputMode = mode;
  }
  const skillId = stringField(body, 'skill_id');
  return ok({ ...(skillId === undefined ? {} : { skillId }), constraints });
}
