/**
 * The closed value sets of v1 (spec §10.3) and guards for them. Received
 * values are open strings (§17): validation lets unknown ones through, and
 * these guards tell the plugin when to flag `known: false` (an unknown
 * ToolKind is shown as `other`; an unknown StopReason settles as completed).
 */
import type { StopReason } from '../types/agent-methods.js';
import type { PermissionOptionKind } from '../types/client-methods.js';
import type { PlanEntryPriority, PlanEntryStatus } from '../types/plan.js';
import type { CompactionStatus, NoticeSeverity } from '../types/session-update.js';
import type { ToolCallStatus, ToolKind } from '../types/tool-call.js';

const guard = <T extends string>(values: readonly T[]) => {
  const set: ReadonlySet<string> = new Set(values);
  return (v: unknown): v is T => typeof v === 'string' && set.has(v);
};

/** @example TOOL_KINDS.includes('edit'); // true */
export const TOOL_KINDS: readonly ToolKind[] = ['read', 'edit', 'delete', 'move', 'search', 'execute', 'think', 'fetch', 'switch_mode', 'other'];
/** @example TOOL_CALL_STATUSES[0]; // 'pending' */
export const TOOL_CALL_STATUSES: readonly ToolCallStatus[] = ['pending', 'in_progress', 'completed', 'failed'];
/** @example STOP_REASONS.length; // 5 */
export const STOP_REASONS: readonly StopReason[] = ['end_turn', 'max_tokens', 'max_turn_requests', 'refusal', 'cancelled'];
/** @example PERMISSION_OPTION_KINDS[0]; // 'allow_once' */
export const PERMISSION_OPTION_KINDS: readonly PermissionOptionKind[] = ['allow_once', 'allow_always', 'reject_once', 'reject_always'];
/** @example PLAN_ENTRY_PRIORITIES[0]; // 'high' */
export const PLAN_ENTRY_PRIORITIES: readonly PlanEntryPriority[] = ['high', 'medium', 'low'];
/** @example PLAN_ENTRY_STATUSES[0]; // 'pending' */
export const PLAN_ENTRY_STATUSES: readonly PlanEntryStatus[] = ['pending', 'in_progress', 'completed'];
/** Open set: other strings are allowed on the wire too. @example NOTICE_SEVERITIES[2]; // 'error' */
export const NOTICE_SEVERITIES: readonly NoticeSeverity[] = ['info', 'warning', 'error'];
/** Open set. @example COMPACTION_STATUSES[1]; // 'completed' */
export const COMPACTION_STATUSES: readonly CompactionStatus[] = ['in_progress', 'completed', 'failed', 'cancelled'];

/** @example isToolKind('browser'); // false: display as 'other' */
export const isToolKind = guard(TOOL_KINDS);
/** @example isToolCallStatus('cancelled'); // false: not a wire status */
export const isToolCallStatus = guard(TOOL_CALL_STATUSES);
/** @example isStopReason('stop_sequence'); // false */
export const isStopReason = guard(STOP_REASONS);
/** @example isPermissionOptionKind('allow_once'); // true */
export const isPermissionOptionKind = guard(PERMISSION_OPTION_KINDS);
/** @example isPlanEntryPriority('urgent'); // false */
export const isPlanEntryPriority = guard(PLAN_ENTRY_PRIORITIES);
/** @example isPlanEntryStatus('completed'); // true */
export const isPlanEntryStatus = guard(PLAN_ENTRY_STATUSES);
