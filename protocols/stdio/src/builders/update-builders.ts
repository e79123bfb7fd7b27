/**
 * Builders for every stable `session/update` variant (spec §9) and for the
 * notification frame that carries one. Extra members (`_meta`, optional
 * fields) come in through the `extra`/fields arguments unchanged.
 */
import { notification } from '../json-rpc/build-message.js';
import type { ContentBlock } from '../types/content.js';
import type { RpcNotification } from '../types/json-rpc.js';
import type { Meta } from '../types/meta.js';
import type { PlanEntry } from '../types/plan.js';
import type { SessionConfigOption } from '../types/session-config.js';
import type {
  AgentMessageChunk, AgentThoughtChunk, AvailableCommand, AvailableCommandsUpdate, CompactionSummaryChunk,
  CompactionUpdate, ConfigOptionUpdate, Cost, CurrentModeUpdate, NoticeUpdate, PlanUpdate, SessionInfoUpdate,
  SessionNotification, SessionUpdate, ToolCallUpdateNew, ToolCallUpdatePatch, UsageUpdate, UserMessageChunk,
} from '../types/session-update.js';
import type { ToolCall, ToolCallFields } from '../types/tool-call.js';

type Chunk<K> = { sessionUpdate: K; content: ContentBlock; messageId?: string };

function chunk<K extends string>(sessionUpdate: K, content: ContentBlock | string, messageId: string | undefined): Chunk<K> {
  const block: ContentBlock = typeof content === 'string' ? { type: 'text', text: content } : content;
  return messageId === undefined ? { sessionUpdate, content: block } : { sessionUpdate, content: block, messageId };
}

/** A string becomes a text block. @example agentMessageChunk('Hel', 'm-1'); */
export function agentMessageChunk(content: ContentBlock | string, messageId?: string): AgentMessageChunk {
  return chunk('agent_message_chunk', content, messageId);
}

/** @example agentThoughtChunk('thinking…', 'm-1'); */
export function agentThoughtChunk(content: ContentBlock | string, messageId?: string): AgentThoughtChunk {
  return chunk('agent_thought_chunk', content, messageId);
}

/** @example userMessageChunk('original prompt', 'u-1'); */
export function userMessageChunk(content: ContentBlock | string, messageId?: string): UserMessageChunk {
  return chunk('user_message_chunk', content, messageId);
}

/** @example toolCall({ toolCallId: 't1', title: 'Read a.ts', kind: 'read', status: 'pending' }); */
export function toolCall(fields: ToolCall): ToolCallUpdateNew {
  return { sessionUpdate: 'tool_call', ...fields };
}

/** @example toolCallUpdate({ toolCallId: 't1', status: 'completed' }); */
export function toolCallUpdate(fields: ToolCallFields): ToolCallUpdatePatch {
  return { sessionUpdate: 'tool_call_update', ...fields };
}

/** The whole plan, replacing the previous one. @example planUpdate([{ content: 'x', priority: 'high', status: 'pending' }]); */
export function planUpdate(entries: PlanEntry[]): PlanUpdate {
  return { sessionUpdate: 'plan', entries };
}

/** @example availableCommandsUpdate([{ name: 'test', description: 'Run tests' }]); */
export function availableCommandsUpdate(availableCommands: AvailableCommand[]): AvailableCommandsUpdate {
  return { sessionUpdate: 'available_commands_update', availableCommands };
}

/** @example currentModeUpdate('architect'); */
export function currentModeUpdate(currentModeId: string): CurrentModeUpdate {
  return { sessionUpdate: 'current_mode_update', currentModeId };
}

/** The full list. @example configOptionUpdate(options); */
export function configOptionUpdate(configOptions: SessionConfigOption[]): ConfigOptionUpdate {
  return { sessionUpdate: 'config_option_update', configOptions };
}

/** `null` clears a field. @example sessionInfoUpdate({ title: 'Fix the build' }); */
export function sessionInfoUpdate(fields: Omit<SessionInfoUpdate, 'sessionUpdate'>): SessionInfoUpdate {
  return { sessionUpdate: 'session_info_update', ...fields };
}

/** @example usageUpdate(1200, 200000, { amount: 0.01, currency: 'USD' }); */
export function usageUpdate(used: number, size: number, cost?: Cost): UsageUpdate {
  return cost === undefined ? { sessionUpdate: 'usage_update', used, size } : { sessionUpdate: 'usage_update', used, size, cost };
}

/** Gated by client `session.notices`. @example noticeUpdate('warning', 'Rate limited'); */
export function noticeUpdate(severity: NoticeUpdate['severity'], title: string, description?: string): NoticeUpdate {
  return description === undefined
    ? { sessionUpdate: 'notice', severity, title }
    : { sessionUpdate: 'notice', severity, title, description };
}

/** Gated by client `session.compaction`. @example compactionUpdate({ compactionId: 'c1', status: 'in_progress' }); */
export function compactionUpdate(fields: Omit<CompactionUpdate, 'sessionUpdate'>): CompactionUpdate {
  return { sessionUpdate: 'compaction_update', ...fields };
}

/** Gated by client `session.compaction`. @example compactionSummaryChunk('c1', textBlock('so far…')); */
export function compactionSummaryChunk(compactionId: string, content: ContentBlock): CompactionSummaryChunk {
  return { sessionUpdate: 'compaction_summary_chunk', compactionId, content };
}

/**
 * The `session/update` notification frame for one update.
 *
 * @example
 * encodeFrame(sessionUpdateFrame('s-1', agentMessageChunk('hi', 'm-1')));
 */
export function sessionUpdateFrame(sessionId: string, update: SessionUpdate, meta?: Meta): RpcNotification<SessionNotification> {
  return notification('session/update', meta === undefined ? { sessionId, update } : { sessionId, update, _meta: meta });
}
