import { getOwn, type JsonObject } from '../core/json.js';
import type { Part } from '../core/part.js';
import { err, ok, type Result } from '../core/result.js';
import { isRole, type Role } from '../core/role.js';
import { fieldError, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';
import { resolveRequestParts } from './request-parts.js';

/** A validated `POST /peer/{id}/send` body (§3.4.2). */
export interface PeerSendRequest {
  /** Defaults to `"user"`. */
  readonly role: Role;
  readonly parts: Part[];
  readonly messageId?: string;
  readonly taskId?: string;
  /** Carried by Troupe (upstream drops it). */
  readonly contextId?: string;
}

const FIELDS = [
  ['message_id', 'non-empty string'],
  ['task_id', 'non-empty string'],
  ['context_id', 'string'],
] as const;

/**
 * Validates a directed-send body. Check the peer (404/503) before calling this, as §3.4.2 orders.
 * Troupe validates `role` and parts here; upstream does not.
 *
 * @example
 * decodePeerSendBody({ parts: [{ type: 'text', content: 'directed' }] }); // { ok: true, value: { role: 'user', parts: [...] } }
 * decodePeerSendBody({}); // 400 "provide 'parts' or 'text'"
 */
export function decodePeerSendBody(body: JsonObject): Result<PeerSendRequest, HttpError> {
  const messageId = stringField(body, 'message_id');
  const extras = { failed_message_id: messageId === '' ? undefined : messageId };
  const role = getOwn(body, 'role') ?? 'user';
  if (!isRole(role)) return err(invalidRequest(`invalid role '${typeof role === 'string' ? role.slice(0, 60) : JSON.stringify(role)}': must be 'user' or 'agent'`, extras));
  const bad = fieldError(body, FIELDS, extras);
  if (bad !== undefined) return err(bad);
  const parts = resolveRequestParts(body);
  if (!parts.ok) return err(invalidRequest(parts.error, extras));
  if (parts.value === undefined) return err(invalidRequest("provide 'parts' or 'text'", extras));
  const taskId = stringField(body, 'task_id');
  const contextId = stringField(body, 'context_id');
  return ok({
    role,
    parts: parts.value,
    ...(messageId === undefined ? {} : { messageId }),
    ...(taskId === undefined ? {} : { taskId }),
    ...(contextId === undefined ? {} : { contextId }),
  });
}
