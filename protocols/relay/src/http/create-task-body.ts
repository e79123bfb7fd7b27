import { getOwn, isJsonObject, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { isTaskRole, type TaskRole } from '../core/role.js';
import { fieldError, flagField, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';
import { validateParts } from './request-parts.js';

/** A validated `POST /tasks` body (§3.6.1). */
export interface CreateTaskRequest {
  readonly role: TaskRole;
  /** Stored as the task's `payload`: `body.payload` when present, else the whole body. */
  readonly payload: JsonObject;
  /** An existing id returns the existing task unchanged. */
  readonly taskId?: string;
  /** Becomes `origin_message_id`. */
  readonly messageId?: string;
  readonly contextId?: string;
  /** Send `task.delegate` to the target peer. */
  readonly delegate: boolean;
  /** Troupe: the delegate target. */
  readonly peerId?: string;
}

const FIELDS = [
  ['task_id', 'non-empty string'],
  ['message_id', 'non-empty string'],
  ['context_id', 'string'],
  ['delegate', 'boolean'],
  ['peer_id', 'non-empty string'],
] as const;

/**
 * Validates a task-creation body. `role` comes from `payload.role` when `payload` is present, else
 * from the body; Troupe accepts `user`, `agent` and `system`. Parts, when given, are validated.
 *
 * @example
 * decodeCreateTaskBody({ role: 'user', task_id: 'task-local-1', parts: [{ type: 'text', content: 'job' }] });
 */
export function decodeCreateTaskBody(body: JsonObject): Result<CreateTaskRequest, HttpError> {
  const rawPayload = getOwn(body, 'payload');
  if (rawPayload !== undefined && rawPayload !== null && !isJsonObject(rawPayload)) return err(invalidRequest("field 'payload' must be an object"));
  const payload = isJsonObject(rawPayload) ? rawPayload : body;
  const role = getOwn(payload, 'role');
  if (role === undefined || role === null || role === '') return err(invalidRequest('missing required field: role (must be: agent, user, or system)'));
  if (!isTaskRole(role)) return err(invalidRequest(`invalid role '${typeof role === 'string' ? role.slice(0, 60) : JSON.stringify(role)}': must be agent, user, or system`));
  const bad = fieldError(body, FIELDS);
  if (bad !== undefined) return err(bad);
  const parts = getOwn(payload, 'parts');
  if (parts !== undefined && parts !== null) {
    const checked = validateParts(parts);
    if (!checked.ok) return err(invalidRequest(checked.error));
  }
  const ids: { taskId?: string; messageId?: string; contextId?: string; peerId?: string } = {};
  const pairs = [['taskId', 'task_id'], ['messageId', 'message_id'], ['contextId', 'context_id'], ['peerId', 'peer_id']] as const;
  for (const [name, key] of pairs) {
    const value = stringField(body, key);
    if (value !== undefined) ids[name] = value;
  }
  return ok({ role, payload, delegate: flagField(body, 'delegate'), ...ids });
}
