import { firstProblem } from '../core/field-checks.js';
import { compact, isJsonObject, type JsonObject } from '../core/json.js';
import type { Part, WirePart } from '../core/part.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `acp.reply` (§2.4.3): the answer to a message that carried `correlation_id`. Receivers accept
 * `parts`, `content` (legacy string) or both, each possibly `null`.
 */
export interface ReplyFrame extends FrameCommon {
  type: 'acp.reply';
  correlation_id: string;
  parts?: WirePart[] | null;
  content?: string | null;
}

/** What {@link buildReplyFrame} needs. */
export interface ReplyFrameInit extends FrameStamp {
  readonly from: string;
  readonly correlation_id: string;
  readonly parts?: readonly (Part | WirePart)[];
  readonly content?: string;
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
  }) as ReplyFrame;
}

/** Checks the members of an `acp.reply`; returns the first problem, or `undefined`. */
export function checkReplyFrame(frame: JsonObject): string | undefined {
  const problem = firstProblem(frame, [
    ['correlation_id', 'non-empty string', true],
    ['parts', 'array'],
    ['content', 'string'],
  ]);
  if (problem !== undefined) return problem;
  const parts = frame['parts'];
  if (Array.isArray(parts)) {
    const bad = parts.findIndex((p) => !isJsonObject(p));
    if (bad !== -1) return `parts[${bad}] must be an object`;
  }
  return undefined;
}
