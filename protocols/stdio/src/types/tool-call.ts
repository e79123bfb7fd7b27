/**
 * Tool calls as reported in `tool_call` / `tool_call_update` updates and in
 * `session/request_permission` (spec §9, §10.2, §10.3).
 */
import type { ContentBlock } from './content.js';
import type { OpenEnum, WithMeta } from './meta.js';

/**
 * What kind of tool runs; unknown values are shown as `other`.
 *
 * @example
 * const k: ToolKind = 'execute';
 */
export type ToolKind =
  | 'read' | 'edit' | 'delete' | 'move' | 'search' | 'execute' | 'think' | 'fetch' | 'switch_mode' | 'other';

/**
 * Progress of a tool call. `cancelled` is deliberately not a wire value (§10.3).
 *
 * @example
 * const s: ToolCallStatus = 'in_progress';
 */
export type ToolCallStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

/**
 * `{type:"content"}`: a content block produced by the tool.
 *
 * @example
 * const c: ToolCallContentItem = toolContent(textBlock('ok'));
 */
export interface ToolCallContentItem extends WithMeta {
  type: 'content';
  content: ContentBlock;
}

/**
 * `{type:"diff"}`: a file edit; `oldText` is null for a new file.
 *
 * @example
 * const d: ToolCallDiffItem = diffContent('/a.ts', 'old', 'new');
 */
export interface ToolCallDiffItem extends WithMeta {
  type: 'diff';
  path: string;
  oldText?: string | null;
  newText: string;
}

/**
 * `{type:"terminal"}`: embeds a live client terminal (client needs `terminal`).
 *
 * @example
 * const t: ToolCallTerminalItem = terminalContent('term-1');
 */
export interface ToolCallTerminalItem extends WithMeta {
  type: 'terminal';
  terminalId: string;
}

/**
 * One item of a tool call's `content`.
 *
 * @example
 * const item: ToolCallContent = { type: 'diff', path: '/a.ts', oldText: null, newText: 'x' };
 */
export type ToolCallContent = ToolCallContentItem | ToolCallDiffItem | ToolCallTerminalItem;

/**
 * A file location a tool call touches.
 *
 * @example
 * const l: ToolCallLocation = { path: '/repo/a.ts', line: 12 };
 */
export interface ToolCallLocation extends WithMeta {
  path: string;
  line?: number | null;
}

/**
 * The fields a tool call may carry. In `tool_call` the `title` is required;
 * in `tool_call_update` and permission requests every field but the id is a
 * patch (present fields replace, `content`/`locations` replace whole lists).
 *
 * @example
 * const patch: ToolCallFields = { toolCallId: 't1', status: 'completed' };
 */
export interface ToolCallFields extends WithMeta {
  toolCallId: string;
  title?: string | null;
  name?: string | null;
  kind?: OpenEnum<ToolKind> | null;
  status?: OpenEnum<ToolCallStatus> | null;
  content?: ToolCallContent[] | null;
  locations?: ToolCallLocation[] | null;
  rawInput?: unknown;
  rawOutput?: unknown;
}

/**
 * A new tool call (`title` required).
 *
 * @example
 * const call: ToolCall = { toolCallId: 't1', title: 'Read file', kind: 'read' };
 */
export interface ToolCall extends ToolCallFields {
  title: string;
}
