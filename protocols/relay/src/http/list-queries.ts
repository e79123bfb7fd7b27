import { err, ok, type Result } from '../core/result.js';
import { isTaskState, TASK_STATES, type TaskState } from '../task/task-state.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/**
 * Query-string decoders of the list routes (§3.4.5, §3.4.6, §3.6.2). Clamping and defaults follow
 * the spec; texts are upstream's where it has one.
 */

const INT = /^-?\d+$/;

function param(q: URLSearchParams, key: string): string | undefined {
  const v = q.get(key);
  return v === null || v === '' ? undefined : v;
}

/** `GET /messages` query. */
export interface MessagesQuery {
  readonly limit: number;
  readonly offset: number;
  readonly peerId?: string;
  readonly role?: string;
  readonly sort: 'asc' | 'desc';
  /** Unix seconds. */
  readonly receivedAfter?: number;
}

/**
 * Decodes `limit` (default 20, max 100, 0 → 20), `offset`, `peer_id`, `role`, `sort`, `received_after`.
 *
 * @example
 * decodeMessagesQuery(new URLSearchParams('limit=5&sort=asc')); // { ok: true, value: { limit: 5, offset: 0, sort: 'asc' } }
 */
export function decodeMessagesQuery(q: URLSearchParams): Result<MessagesQuery, HttpError> {
  const limitText = param(q, 'limit') ?? '20';
  const offsetText = param(q, 'offset') ?? '0';
  if (!INT.test(limitText)) return err(invalidRequest('limit must be a non-negative integer'));
  if (!INT.test(offsetText)) return err(invalidRequest('offset must be a non-negative integer'));
  const limit = Number(limitText);
  const offset = Number(offsetText);
  if (limit < 0 || offset < 0) return err(invalidRequest('limit and offset must be non-negative integers'));
  const sort = param(q, 'sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return err(invalidRequest('sort must be asc or desc'));
  const after = param(q, 'received_after');
  const receivedAfter = after === undefined ? undefined : Number(after);
  if (receivedAfter !== undefined && !Number.isFinite(receivedAfter)) return err(invalidRequest('received_after must be a number (unix seconds)'));
  const peerId = param(q, 'peer_id');
  const role = param(q, 'role');
  return ok({
    limit: limit === 0 ? 20 : Math.min(limit, 100),
    offset,
    sort,
    ...(peerId === undefined ? {} : { peerId }),
    ...(role === undefined ? {} : { role }),
    ...(receivedAfter === undefined ? {} : { receivedAfter }),
  });
}

/** `GET /context/{id}/messages` query. */
export interface ContextMessagesQuery {
  readonly limit: number;
  readonly sinceSeq: number;
  readonly sort: 'asc' | 'desc';
}

/**
 * Decodes `limit` (default 50, capped at 200), `since_seq` (≥ 0) and `sort` (default asc).
 *
 * @example
 * decodeContextMessagesQuery(new URLSearchParams('limit=500')); // { ok: true, value: { limit: 200, sinceSeq: 0, sort: 'asc' } }
 */
export function decodeContextMessagesQuery(q: URLSearchParams): Result<ContextMessagesQuery, HttpError> {
  const limitText = param(q, 'limit') ?? '50';
  if (!INT.test(limitText) || Number(limitText) <= 0) return err(invalidRequest('limit must be a positive integer'));
  const sinceText = param(q, 'since_seq') ?? '0';
  if (!INT.test(sinceText) || Number(sinceText) < 0) return err(invalidRequest('since_seq must be non-negative'));
  const sort = param(q, 'sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') return err(invalidRequest('sort must be asc or desc'));
  return ok({ limit: Math.min(Number(limitText), 200), sinceSeq: Number(sinceText), sort });
}

/** `GET /tasks` query: offset mode when `offset` is present, else cursor mode. */
export interface TaskListQuery {
  readonly status?: TaskState;
  readonly peerId?: string;
  readonly createdAfter?: string;
  readonly updatedAfter?: string;
  readonly sort: 'asc' | 'desc';
  readonly page: { readonly mode: 'offset'; readonly offset: number; readonly limit: number } | { readonly mode: 'cursor'; readonly cursor?: string; readonly limit: number };
}

function clampLimit(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  if (!INT.test(text)) return undefined;
  return Math.max(1, Math.min(Number(text), max));
}

/**
 * Decodes the task list filters and pagination. An unknown status lists the valid ones, sorted;
 * Troupe accepts `cancelling` too.
 *
 * @example
 * decodeTaskListQuery(new URLSearchParams('status=bogus')).error.body.error;
 * // "Invalid status 'bogus'. Valid values: canceled, cancelling, completed, failed, input_required, submitted, working"
 */
export function decodeTaskListQuery(q: URLSearchParams): Result<TaskListQuery, HttpError> {
  const status = param(q, 'status') ?? param(q, 'state');
  if (status !== undefined && !isTaskState(status)) {
    return err(invalidRequest(`Invalid status '${status.slice(0, 60)}'. Valid values: ${[...TASK_STATES].sort().join(', ')}`));
  }
  const sortText = param(q, 'sort') ?? 'desc';
  const sort = sortText === 'asc' || sortText === 'created_asc' ? 'asc' : sortText === 'desc' || sortText === 'created_desc' ? 'desc' : undefined;
  if (sort === undefined) return err(invalidRequest('sort must be asc, created_asc, desc or created_desc'));
  const offsetText = param(q, 'offset');
  let page: TaskListQuery['page'];
  if (offsetText !== undefined) {
    const limit = clampLimit(param(q, 'limit'), 20, 100);
    if (limit === undefined) return err(invalidRequest('limit must be an integer'));
    if (!INT.test(offsetText) || Number(offsetText) < 0) return err(invalidRequest('offset must be a non-negative integer'));
    page = { mode: 'offset', offset: Number(offsetText), limit };
  } else {
    const limit = clampLimit(param(q, 'limit'), 50, 200);
    if (limit === undefined) return err(invalidRequest('limit must be an integer'));
    const cursor = param(q, 'cursor');
    page = cursor === undefined ? { mode: 'cursor', limit } : { mode: 'cursor', cursor, limit };
  }
  const peerId = param(q, 'peer_id');
  const createdAfter = param(q, 'created_after');
  const updatedAfter = param(q, 'updated_after');
  return ok({
    sort,
    page,
    ...(status === undefined ? {} : { status }),
    ...(peerId === undefined ? {} : { peerId }),
    ...(createdAfter === undefined ? {} : { createdAfter }),
    ...(updatedAfter === undefined ? {} : { updatedAfter }),
  });
}
