/**
 * Tolerant receive path for `session/update` (spec §9, §17): nothing is
 * dropped. Unknown variants and invalid payloads are delivered flagged, with
 * the received `update` object itself as `raw` (same reference, no copy).
 * This is the hot path of a streaming turn, so it does one table lookup and
 * one variant check.
 */
import type { SessionNotification, SessionUpdate } from '../types/session-update.js';
import { isObj, runCheck } from './check.js';
import { UNSTABLE_UPDATE_KINDS, UPDATE_CHECKS } from './update-checks.js';
import type { Issue } from './validate.js';

/**
 * A stable variant whose payload is valid.
 *
 * @example
 * if (u.kind === 'known') actor.send(u.update);
 */
export interface KnownUpdate {
  kind: 'known';
  sessionId: string;
  update: SessionUpdate;
  params: SessionNotification;
}

/**
 * A variant this package does not know (newer, or unstable §16).
 *
 * @example
 * if (u.kind === 'unknown') actor.send({ kind: 'unknown', raw: u.raw });
 */
export interface UnknownUpdate {
  kind: 'unknown';
  sessionId: string;
  sessionUpdate: string;
  /** True for names of the unstable surface (§16). */
  unstable: boolean;
  raw: Record<string, unknown>;
  params: Record<string, unknown>;
}

/**
 * A known variant with a bad payload, or params without a usable shape.
 *
 * @example
 * if (u.kind === 'invalid') inspect('invalid update', u.issue);
 */
export interface InvalidUpdate {
  kind: 'invalid';
  /** Absent when the params carry no string `sessionId` (the update cannot be routed). */
  sessionId?: string;
  raw: unknown;
  issue: Issue;
}

/**
 * What a received `session/update` is.
 *
 * @example
 * const u = decodeSessionUpdate(frame.params);
 * if (u.kind === 'known' && u.update.sessionUpdate === 'agent_message_chunk') emit(u.update.content);
 */
export type ReceivedUpdate = KnownUpdate | UnknownUpdate | InvalidUpdate;

/**
 * Decodes `session/update` params without ever dropping them.
 *
 * @example
 * decodeSessionUpdate({ sessionId: 's', update: { sessionUpdate: 'future_thing', x: 1 } }).kind; // 'unknown'
 */
export function decodeSessionUpdate(params: unknown): ReceivedUpdate {
  if (!isObj(params)) return { kind: 'invalid', raw: params, issue: { path: '', reason: 'must be an object' } };
  const sessionId = params['sessionId'];
  const update = params['update'];
  if (typeof sessionId !== 'string') {
    return { kind: 'invalid', raw: update ?? params, issue: { path: '/sessionId', reason: sessionId === undefined ? 'is required' : 'must be a string' } };
  }
  if (!isObj(update)) {
    return { kind: 'invalid', sessionId, raw: update ?? params, issue: { path: '/update', reason: update === undefined ? 'is required' : 'must be an object' } };
  }
  const tag = update['sessionUpdate'];
  if (typeof tag !== 'string') {
    return { kind: 'invalid', sessionId, raw: update, issue: { path: '/update/sessionUpdate', reason: tag === undefined ? 'is required' : 'must be a string' } };
  }
  if (isPlainTextChunk(tag, update) && (params['_meta'] === undefined || params['_meta'] === null)) {
    return { kind: 'known', sessionId, update: update as unknown as SessionUpdate, params: params as unknown as SessionNotification };
  }
  const check = UPDATE_CHECKS.get(tag);
  if (check === undefined) {
    return { kind: 'unknown', sessionId, sessionUpdate: tag, unstable: UNSTABLE_UPDATE_KINDS.has(tag), raw: update, params };
  }
  const failed = runCheck(check, update);
  if (failed !== undefined) {
    return { kind: 'invalid', sessionId, raw: update, issue: { path: '/update' + failed.path, reason: failed.reason } };
  }
  const meta = params['_meta'];
  if (meta !== undefined && meta !== null && !isObj(meta)) {
    return { kind: 'invalid', sessionId, raw: update, issue: { path: '/_meta', reason: 'must be an object' } };
  }
  return { kind: 'known', sessionId, update: update as unknown as SessionUpdate, params: params as unknown as SessionNotification };
}

/**
 * Fast path for the dominant message of a streaming turn: a text chunk with
 * at most `messageId`, `_meta` and unknown extras. Anything richer (e.g.
 * annotations) takes the general check, so the verdict is the same.
 */
function isPlainTextChunk(tag: string, update: Record<string, unknown>): boolean {
  if (tag !== 'agent_message_chunk' && tag !== 'agent_thought_chunk' && tag !== 'user_message_chunk') return false;
  const content = update['content'];
  if (!isObj(content) || content['type'] !== 'text' || typeof content['text'] !== 'string') return false;
  const messageId = update['messageId'];
  return (messageId === undefined || messageId === null || typeof messageId === 'string')
    && update['_meta'] === undefined && content['_meta'] === undefined
    && (content['annotations'] === undefined || content['annotations'] === null);
}
