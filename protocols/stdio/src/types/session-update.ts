/**
 * `session/update` notification and its variants, discriminated by
 * `update.sessionUpdate` (spec §9). This is the stable set of the v1 schema.
 */
import type { ContentBlock } from './content.js';
import type { OpenEnum, WithMeta } from './meta.js';
import type { PlanEntry } from './plan.js';
import type { SessionConfigOption } from './session-config.js';
import type { ToolCall, ToolCallFields } from './tool-call.js';

/**
 * A piece of a message; chunks sharing `messageId` form one message.
 *
 * @example
 * const c: ContentChunkFields = { content: { type: 'text', text: 'hi' }, messageId: 'm-1' };
 */
export interface ContentChunkFields extends WithMeta {
  content: ContentBlock;
  messageId?: string | null;
}

/**
 * `user_message_chunk`: history replay, or an echoed prompt.
 *
 * @example
 * const u: UserMessageChunk = userMessageChunk('hello', 'u-1');
 */
export interface UserMessageChunk extends ContentChunkFields { sessionUpdate: 'user_message_chunk' }
/**
 * `agent_message_chunk`: streamed assistant output.
 *
 * @example
 * const u: AgentMessageChunk = agentMessageChunk('Hel', 'm-1');
 */
export interface AgentMessageChunk extends ContentChunkFields { sessionUpdate: 'agent_message_chunk' }
/**
 * `agent_thought_chunk`: streamed reasoning.
 *
 * @example
 * const u: AgentThoughtChunk = agentThoughtChunk('hmm', 'm-1');
 */
export interface AgentThoughtChunk extends ContentChunkFields { sessionUpdate: 'agent_thought_chunk' }
/**
 * `tool_call`: a new tool call.
 *
 * @example
 * const u: ToolCallUpdateNew = toolCall({ toolCallId: 't1', title: 'Read' });
 */
export interface ToolCallUpdateNew extends ToolCall { sessionUpdate: 'tool_call' }
/**
 * `tool_call_update`: a patch to an earlier tool call.
 *
 * @example
 * const u: ToolCallUpdatePatch = toolCallUpdate({ toolCallId: 't1', status: 'failed' });
 */
export interface ToolCallUpdatePatch extends ToolCallFields { sessionUpdate: 'tool_call_update' }
/**
 * `plan`: the whole current plan.
 *
 * @example
 * const u: PlanUpdate = planUpdate([]);
 */
export interface PlanUpdate extends WithMeta { sessionUpdate: 'plan'; entries: PlanEntry[] }

/**
 * A slash command the agent offers.
 *
 * @example
 * const c: AvailableCommand = { name: 'test', description: 'Run tests', input: { hint: 'pattern' } };
 */
export interface AvailableCommand extends WithMeta {
  name: string;
  description: string;
  input?: (WithMeta & { hint: string }) | null;
}

/**
 * `available_commands_update`: the full command list.
 *
 * @example
 * const u: AvailableCommandsUpdate = availableCommandsUpdate([]);
 */
export interface AvailableCommandsUpdate extends WithMeta {
  sessionUpdate: 'available_commands_update';
  availableCommands: AvailableCommand[];
}
/**
 * `current_mode_update`: the agent switched mode on its own.
 *
 * @example
 * const u: CurrentModeUpdate = currentModeUpdate('code');
 */
export interface CurrentModeUpdate extends WithMeta { sessionUpdate: 'current_mode_update'; currentModeId: string }
/**
 * `config_option_update`: the full config option list.
 *
 * @example
 * const u: ConfigOptionUpdate = configOptionUpdate([]);
 */
export interface ConfigOptionUpdate extends WithMeta {
  sessionUpdate: 'config_option_update';
  configOptions: SessionConfigOption[];
}
/**
 * `session_info_update`: partial; `null` clears a field.
 *
 * @example
 * const u: SessionInfoUpdate = sessionInfoUpdate({ title: null });
 */
export interface SessionInfoUpdate extends WithMeta {
  sessionUpdate: 'session_info_update';
  title?: string | null;
  updatedAt?: string | null;
}

/**
 * A monetary or other cost (`currency` is ISO 4217 or a unit like `credits`).
 *
 * @example
 * const c: Cost = { amount: 0.42, currency: 'USD' };
 */
export interface Cost extends WithMeta { amount: number; currency: string }

/**
 * `usage_update`: token counts of the context window.
 *
 * @example
 * const u: UsageUpdate = usageUpdate(1000, 200000);
 */
export interface UsageUpdate extends WithMeta {
  sessionUpdate: 'usage_update';
  used: number;
  size: number;
  cost?: Cost | null;
}

/**
 * Severity of a notice; open set.
 *
 * @example
 * const s: NoticeSeverity = 'warning';
 */
export type NoticeSeverity = 'info' | 'warning' | 'error';

/**
 * `notice`: a live event; gated by client `session.notices`.
 *
 * @example
 * const u: NoticeUpdate = noticeUpdate('info', 'Indexed 120 files');
 */
export interface NoticeUpdate extends WithMeta {
  sessionUpdate: 'notice';
  severity: OpenEnum<NoticeSeverity>;
  title: string;
  description?: string | null;
}

/**
 * Status of a context compaction; open set.
 *
 * @example
 * const s: CompactionStatus = 'completed';
 */
export type CompactionStatus = 'in_progress' | 'completed' | 'failed' | 'cancelled';

/**
 * `compaction_update`: patch by `compactionId`; gated by client `session.compaction`.
 *
 * @example
 * const u: CompactionUpdate = compactionUpdate({ compactionId: 'c1', status: 'in_progress' });
 */
export interface CompactionUpdate extends WithMeta {
  sessionUpdate: 'compaction_update';
  compactionId: string;
  status: OpenEnum<CompactionStatus>;
  summary?: ContentBlock[] | null;
  error?: string | null;
}

/**
 * `compaction_summary_chunk`: appended to a compaction summary; gated like `compaction_update`.
 *
 * @example
 * const u: CompactionSummaryChunk = compactionSummaryChunk('c1', textBlock('…'));
 */
export interface CompactionSummaryChunk extends WithMeta {
  sessionUpdate: 'compaction_summary_chunk';
  compactionId: string;
  content: ContentBlock;
}

/**
 * Any stable `session/update` variant.
 *
 * @example
 * const u: SessionUpdate = { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi' } };
 */
export type SessionUpdate =
  | UserMessageChunk | AgentMessageChunk | AgentThoughtChunk
  | ToolCallUpdateNew | ToolCallUpdatePatch | PlanUpdate
  | AvailableCommandsUpdate | CurrentModeUpdate | ConfigOptionUpdate | SessionInfoUpdate
  | UsageUpdate | NoticeUpdate | CompactionUpdate | CompactionSummaryChunk;

/**
 * The discriminator values of {@link SessionUpdate}.
 *
 * @example
 * const k: SessionUpdateKind = 'usage_update';
 */
export type SessionUpdateKind = SessionUpdate['sessionUpdate'];

/**
 * `session/update` params.
 *
 * @example
 * const n: SessionNotification = { sessionId: 's', update: { sessionUpdate: 'current_mode_update', currentModeId: 'ask' } };
 */
export interface SessionNotification extends WithMeta {
  sessionId: string;
  update: SessionUpdate;
}
