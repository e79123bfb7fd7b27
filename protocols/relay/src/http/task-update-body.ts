import { getOwn, type JsonObject } from '../core/json.js';
import type { Part } from '../core/part.js';
import { err, ok, type Result } from '../core/result.js';
import { isTaskState, TASK_STATES, type TaskState } from '../task/task-state.js';
import { fieldError, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';
import { resolveRequestParts, validateParts } from './request-parts.js';

/** A validated `POST /tasks/{id}/update` body (§3.6.5). */
export interface TaskUpdateRequest {
  /** Defaults to `"working"`. Check it with `transitionOutcome` (409 when denied). */
  readonly status: TaskState;
  readonly artifact?: JsonObject;
  readonly error?: string;
}

/**
 * Validates a task-update body. An artifact's `parts`, when present, are validated like any parts.
 *
 * @example
 * decodeTaskUpdateBody({ status: 'completed', artifact: { parts: [{ type: 'text', content: 'done' }] } });
 * decodeTaskUpdateBody({ status: 'bogus' }); // 400
 */
export function decodeTaskUpdateBody(body: JsonObject): Result<TaskUpdateRequest, HttpError> {
  const bad = fieldError(body, [
    ['status', 'string'],
    ['artifact', 'object'],
    ['error', 'string'],
  ]);
  if (bad !== undefined) return err(bad);
  const status = getOwn(body, 'status') ?? 'working';
  if (!isTaskState(status)) {
    return err(invalidRequest(`invalid status '${String(status).slice(0, 60)}'; expected one of ${TASK_STATES.join(', ')}`));
  }
  const artifact = getOwn(body, 'artifact');
  if (artifact !== undefined && artifact !== null) {
    const parts = getOwn(artifact as JsonObject, 'parts');
    if (parts !== undefined && parts !== null) {
      const checked = validateParts(parts);
      if (!checked.ok) return err(invalidRequest(`artifact ${checked.error}`));
    }
  }
  const error = stringField(body, 'error');
  return ok({
    status,
    ...(artifact === undefined || artifact === null ? {} : { artifact: artifact as JsonObject }),
    ...(error === undefined ? {} : { error }),
  });
}

/** A validated `POST /tasks/{id}/continue` body (§3.6.6). */
export interface TaskContinueRequest {
  readonly parts: Part[];
}

/**
 * Validates a continue body: `parts`, or `text`/`content`. The state check (409 unless
 * `input_required`) is the route's.
 *
 * @example
 * decodeTaskContinueBody({ text: 'more input' }); // { ok: true, value: { parts: [{ type: 'text', content: 'more input' }] } }
 */
export function decodeTaskContinueBody(body: JsonObject): Result<TaskContinueRequest, HttpError> {
  const parts = resolveRequestParts(body);
  if (!parts.ok) return err(invalidRequest(parts.error));
  if (parts.value === undefined) return err(invalidRequest("provide 'parts' or 'text'"));
  return ok({ parts: parts.value });
}

/**
 * `POST /tasks/{id}:cancel` takes no body (§3.6.7); any JSON object is accepted and ignored. The
 * only failure is invalid JSON, which `parseJsonBody` reports.
 *
 * @example
 * decodeTaskCancelBody({}); // { ok: true, value: {} }
 */
export function decodeTaskCancelBody(_body: JsonObject): Result<Record<string, never>, HttpError> {
  return ok({});
}
