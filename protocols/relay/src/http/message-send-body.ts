import { getOwn, type JsonObject } from '../core/json.js';
import { DEFAULT_SYNC_TIMEOUT_SECONDS, MAX_SYNC_TIMEOUT_SECONDS } from '../core/limits.js';
import type { Part } from '../core/part.js';
import { err, ok, type Result } from '../core/result.js';
import { isRole, type Role } from '../core/role.js';
import { fieldError, flagField, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';
import { resolveRequestParts } from './request-parts.js';

/** A validated `POST /message:send` body (§3.4.1). */
export interface MessageSendRequest {
  readonly role: Role;
  readonly parts: Part[];
  /** Client-supplied idempotency key; generate `msg_…` when absent. */
  readonly messageId?: string;
  readonly peerId?: string;
  readonly taskId?: string;
  readonly contextId?: string;
  readonly createTask: boolean;
  readonly sync: boolean;
  /** Seconds to wait for the reply when `sync`; default 30, capped. */
  readonly timeoutSeconds: number;
  /** Body of the optional HTTP-side signature (§2.7.6), for `checkHttpSignature`. */
  readonly signed: boolean;
}

/** Route state the decoder consults at the right moment of the processing order. */
export interface MessageSendDecodeOptions {
  /**
   * Called after the role check and before part validation, so the error precedence of §3.4.1 holds:
   * answer `ERR_AMBIGUOUS_PEER` (several peers, no `peer_id`) or `ERR_NOT_FOUND` (unknown `peer_id`).
   */
  readonly checkPeer?: (peerId: string | undefined) => HttpError | undefined;
  /** Cap on `timeout` (default 300 s). */
  readonly maxTimeoutSeconds?: number;
}

const FIELDS = [
  ['message_id', 'non-empty string'],
  ['peer_id', 'non-empty string'],
  ['task_id', 'non-empty string'],
  ['context_id', 'string'],
  ['create_task', 'boolean'],
  ['sync', 'boolean'],
  ['timeout', 'number'],
  ['timestamp', 'integer'],
  ['signature', 'object'],
] as const;

/**
 * Validates a `/message:send` body in upstream's processing order: role, then peer routing
 * (through `checkPeer`), then parts. Every error is a 400 envelope naming the field, carrying
 * `failed_message_id` when the client supplied one.
 *
 * @example
 * decodeMessageSendBody({ role: 'user', text: 'hi' });
 * // { ok: true, value: { role: 'user', parts: [{ type: 'text', content: 'hi' }], createTask: false, sync: false, timeoutSeconds: 30, signed: false } }
 * decodeMessageSendBody({ parts: [{ type: 'text', content: 'x' }] }).error.body.error;
 * // "missing required field: role (must be 'user' or 'agent')"
 */
export function decodeMessageSendBody(body: JsonObject, options: MessageSendDecodeOptions = {}): Result<MessageSendRequest, HttpError> {
  const rawId = getOwn(body, 'message_id');
  const extras = { failed_message_id: typeof rawId === 'string' && rawId.length > 0 ? rawId : undefined };
  const role = getOwn(body, 'role');
  if (role === undefined || role === null || role === '') return err(invalidRequest("missing required field: role (must be 'user' or 'agent')", extras));
  if (!isRole(role)) return err(invalidRequest(`invalid role '${typeof role === 'string' ? role.slice(0, 60) : JSON.stringify(role)}': must be 'user' or 'agent'`, extras));

  const bad = fieldError(body, FIELDS, extras);
  if (bad !== undefined) return err(bad);
  const timeout = getOwn(body, 'timeout');
  if (typeof timeout === 'number' && timeout <= 0) return err(invalidRequest("field 'timeout' must be a positive number of seconds", extras));

  const peerId = stringField(body, 'peer_id');
  const routing = options.checkPeer?.(peerId);
  if (routing !== undefined) return err(routing);

  const parts = resolveRequestParts(body);
  if (!parts.ok) return err(invalidRequest(parts.error, extras));
  if (parts.value === undefined) return err(invalidRequest("missing required field: provide 'parts' (list) or 'text' (string)", extras));

  const cap = options.maxTimeoutSeconds ?? MAX_SYNC_TIMEOUT_SECONDS;
  const request: MessageSendRequest = {
    role,
    parts: parts.value,
    createTask: flagField(body, 'create_task'),
    sync: flagField(body, 'sync'),
    timeoutSeconds: Math.min(typeof timeout === 'number' ? timeout : DEFAULT_SYNC_TIMEOUT_SECONDS, cap),
    signed: getOwn(body, 'signature') !== undefined && getOwn(body, 'signature') !== null,
    ...optionalIds(body),
  };
  return ok(request);
}

function optionalIds(body: JsonObject): { messageId?: string; peerId?: string; taskId?: string; contextId?: string } {
  const out: { messageId?: string; peerId?: string; taskId?: string; contextId?: string } = {};
  const messageId = stringField(body, 'message_id');
  const peerId = stringField(body, 'peer_id');
  const taskId = stringField(body, 'task_id');
  const contextId = stringField(body, 'context_id');
  if (messageId !== undefined) out.messageId = messageId;
  if (peerId !== undefined) out.peerId = peerId;
  if (taskId !== undefined) out.taskId = taskId;
  if (contextId !== undefined) out.contextId = contextId;
  return out;
}
