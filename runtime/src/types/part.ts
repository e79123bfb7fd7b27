/**
 * One unit of content. Every protocol package maps its wire shapes to and from these losslessly:
 * whatever a protocol has that this model lacks rides in `metadata` (it is never dropped).
 */
export type Part =
  | TextPart
  | ThoughtPart
  | DataPart
  | FilePart
  | ImagePart
  | AudioPart
  | ResourcePart
  | ResourceLinkPart
  | ToolCallPart
  | PlanPart
  | ProgressPart;

/** Free-form extra fields a protocol needs to round-trip (`_meta`, unknown wire fields). */
export type Metadata = Readonly<Record<string, unknown>>;

interface PartBase {
  readonly metadata?: Metadata;
}

/** Plain text (markdown allowed). Streamed answers are sequences of text parts. */
export interface TextPart extends PartBase { readonly type: 'text'; readonly text: string }
/** The agent's reasoning, shown apart from the answer (ACP `agent_thought_chunk`). */
export interface ThoughtPart extends PartBase { readonly type: 'thought'; readonly text: string }
/** Structured data (any JSON value). */
export interface DataPart extends PartBase { readonly type: 'data'; readonly data: unknown; readonly mimeType?: string }
/** A file by URI or by inline base64 bytes. */
export interface FilePart extends PartBase {
  readonly type: 'file';
  readonly name?: string;
  readonly mimeType?: string;
  readonly uri?: string;
  /** Base64 content. */
  readonly bytes?: string;
}
/** An image, inline base64 (`data`) or by URI. */
export interface ImagePart extends PartBase { readonly type: 'image'; readonly mimeType: string; readonly data?: string; readonly uri?: string }
/** Audio, inline base64. */
export interface AudioPart extends PartBase { readonly type: 'audio'; readonly mimeType: string; readonly data: string }
/** An embedded resource: its URI plus its text or base64 blob. */
export interface ResourcePart extends PartBase {
  readonly type: 'resource';
  readonly uri: string;
  readonly mimeType?: string;
  readonly text?: string;
  readonly blob?: string;
}
/** A reference to a resource the receiver can fetch. */
export interface ResourceLinkPart extends PartBase {
  readonly type: 'resource_link';
  readonly uri: string;
  readonly name: string;
  readonly mimeType?: string;
  readonly title?: string;
  readonly description?: string;
  readonly size?: number;
}
/** Status of a tool call. */
export type ToolCallStatus = 'pending' | 'in_progress' | 'completed' | 'failed';
/** A tool call, or (with `update: true`) an update to one already announced. */
export interface ToolCallPart extends PartBase {
  readonly type: 'tool_call';
  readonly toolCallId: string;
  readonly update?: boolean;
  readonly title?: string;
  readonly kind?: string;
  readonly status?: ToolCallStatus;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly content?: readonly Part[];
}
/** One entry of a plan. */
export interface PlanEntry {
  readonly content: string;
  readonly priority: 'high' | 'medium' | 'low';
  readonly status: 'pending' | 'in_progress' | 'completed';
}
/** The agent's current plan (replaces the previous one). */
export interface PlanPart extends PartBase { readonly type: 'plan'; readonly entries: readonly PlanEntry[] }
/** A progress note. Streams carry it so callers can show live progress; it is not content. */
export interface ProgressPart extends PartBase { readonly type: 'progress'; readonly note: string; readonly ratio?: number }

/** Every part type name. */
export const PART_TYPES: readonly Part['type'][] = [
  'text', 'thought', 'data', 'file', 'image', 'audio', 'resource', 'resource_link', 'tool_call', 'plan', 'progress',
];
