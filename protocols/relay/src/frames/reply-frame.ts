import { firstProblem } from '../core/field-checks.js';
import { compact, isJsonObject, oneLine, type JsonObject } from '../core/json.js';
import type { Part, WirePart } from '../core/part.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `acp.reply` (§2.4.3): the answer to a message that carried `correlation_id`. Receivers accept
 * `parts`, `content` (legacy string) or both, each possibly `null`.
 *
 * Troupe extension: a reply whose agent failed its turn carries `error_code` (an `ERR_*` code,
 * `ERR_AGENT_FAILED`) and `error` (one line of text) instead of parts, the members of the HTTP
 * error envelope (§3.2), so the requester answers its synchronous send with that envelope.
 * An upstream requester ignores the two members and sees a reply without parts.
 */
export interface ReplyFrame extends FrameCommon {
  type: 'acp.reply';
  correlation_id: string;
  parts?: WirePart[] | null;
  content?: string | null;
  error_code?: string;
  error?: string;
}

/** What {@link buildReplyFrame} needs. */
export interface ReplyFrameInit extends FrameStamp {
  readonly from: string;
  readonly correlation_id: string;
  readonly parts?: readonly (Part | WirePart)[];
  readonly content?: string;
  /** A failed turn (Troupe extension): the code and text, sent instead of parts. */
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * The failure a reply carries (Troupe extension), or `undefined` for an ordinary reply. A reply
 * with `error` but no known code counts as `ERR_AGENT_FAILED`.
 *
 * @example
 * replyError({ type: 'acp.reply', correlation_id: 'm1', error_code: 'ERR_AGENT_FAILED', error: 'boom' } as ReplyFrame);
 * // { code: 'ERR_AGENT_FAILED', message: 'boom' }
 */
export function replyError(frame: ReplyFrame): { code: string; message: string } | undefined {
  if (typeof frame.error !== 'string') return undefined;
  return { code: typeof frame.error_code === 'string' ? frame.error_code : 'ERR_AGENT_FAILED', message: frame.error };
}

/**
 * Builds an `acp.reply`. Upstream's `/reply` writes absent `parts`/`content` as `null`; Troupe
 * leaves them out, which every receiver treats the same (§2.3).
 *
 * @example
 * buildReplyFrame({ from: 'AgentB', correlation_id: 'msg-sync-1', parts: [textPart('pong')] });
 */
export function buildReplyFrame(init: ReplyFrameInit): ReplyFrame {
  const { message_id, ts } = resolveStamp(init);
  return compact({
    type: 'acp.reply',
    message_id,
    ts,
    from: init.from,
    correlation_id: init.correlation_id,
    content: init.content,
    parts: init.parts?.map((p) => ({ ...p }) as WirePart),
    error_code: init.error?.code,
    error: init.error === undefined ? undefined : oneLine(init.error.message, 1_000),
  }) as ReplyFrame;
}

/** Checks the members of an `acp.reply`; returns the first problem, or `undefined`. */
export function checkReplyFrame(frame: JsonObject): string | undefined {
  const problem = firstProblem(frame, [
    ['correlation_id', 'non-empty string', true],
    ['parts', 'array'],
    ['content', 'string'],
    ['error_code', 'string'],
    ['error', 'string'],
  ]);
  if (problem !== undefined) return problem;
  const parts = frame['parts'];
  if (Array.isArray(parts)) {
    const bad = parts.findIndex((p) => !isJsonObject(p));
    if (bad !== -1) return `parts[${bad}] must be an object`;
  }
  return undefined;
}
