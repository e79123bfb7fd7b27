import { data, type Part } from '@troupe/runtime';
import { isToolCallStatus, isToolKind, type SessionUpdate, type ToolCallContent, type ToolCallFields } from '@troupe/protocol-stdio';
import { partToBlock } from '../content-mapping.js';

/**
 * Mime type of a `data` part whose `data` is a raw ACP `SessionUpdate`: how an agent emits the
 * variants Parts cannot express (`available_commands_update`, `usage_update`, `session_info_update`…).
 *
 * @example
 * ctx.reply(data({ sessionUpdate: 'session_info_update', title: 'Refactor' }, SESSION_UPDATE_MIME));
 */
export const SESSION_UPDATE_MIME = 'application/vnd.acp.session-update+json';

/**
 * A part that is sent as the given `session/update` as is.
 *
 * @example
 * ctx.reply(sessionUpdatePart({ sessionUpdate: 'usage_update', used: 10, size: 1000 }));
 */
export function sessionUpdatePart(update: SessionUpdate | Record<string, unknown>): Part {
  return data(update, SESSION_UPDATE_MIME);
}

/** Ids of the assistant message and the thought of one turn (§9: serve mode always sets messageId). */
export interface TurnMessageIds {
  readonly message: string;
  readonly thought: string;
}

function toolContent(parts: readonly Part[] | undefined): ToolCallContent[] | undefined {
  if (!parts) return undefined;
  const out: ToolCallContent[] = [];
  for (const p of parts) {
    if (p.type === 'data' && typeof p.data === 'object' && p.data !== null && ['diff', 'terminal', 'content'].includes(String((p.data as { type?: unknown }).type))) {
      out.push(p.data as ToolCallContent);
      continue;
    }
    const block = partToBlock(p);
    if (block) out.push({ type: 'content', content: block });
  }
  return out;
}

function toolFields(part: Extract<Part, { type: 'tool_call' }>): ToolCallFields {
  const f: ToolCallFields = { toolCallId: part.toolCallId };
  if (part.title !== undefined) f.title = part.title;
  // Only v1 values go on the wire (§10.3); anything else would fail a strict client's parse.
  if (part.kind !== undefined) f.kind = isToolKind(part.kind) ? part.kind : 'other';
  if (part.status !== undefined && isToolCallStatus(part.status)) f.status = part.status;
  if (part.input !== undefined) f.rawInput = part.input;
  if (part.output !== undefined) f.rawOutput = part.output;
  const content = toolContent(part.content);
  if (content) f.content = content;
  const meta = part.metadata?.['_meta'];
  if (typeof meta === 'object' && meta !== null) f._meta = meta as Record<string, unknown>;
  return f;
}

/**
 * The `session/update` for one part of the agent's output stream, or undefined for parts that are
 * not conversation content (`progress`). text → agent_message_chunk, thought → agent_thought_chunk,
 * other content → agent_message_chunk with that block, tool_call → tool_call / tool_call_update,
 * plan → plan, a {@link SESSION_UPDATE_MIME} data part → its update.
 *
 * @example
 * partToUpdate(text('hi'), { message: 'm1', thought: 't1' });
 * // { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi' }, messageId: 'm1' }
 */
export function partToUpdate(part: Part, ids: TurnMessageIds): SessionUpdate | undefined {
  switch (part.type) {
    case 'progress':
      return undefined;
    case 'thought':
      return { sessionUpdate: 'agent_thought_chunk', content: partToBlock(part) ?? { type: 'text', text: part.text }, messageId: ids.thought };
    case 'tool_call': {
      const fields = toolFields(part);
      if (part.update === true) return { sessionUpdate: 'tool_call_update', ...fields };
      return { sessionUpdate: 'tool_call', ...fields, title: part.title ?? part.toolCallId };
    }
    case 'plan':
      return { sessionUpdate: 'plan', entries: part.entries.map((e) => ({ content: e.content, priority: e.priority, status: e.status })) };
    case 'data':
      if (part.mimeType === SESSION_UPDATE_MIME) return part.data as SessionUpdate;
      break;
    default:
      break;
  }
  const block = partToBlock(part);
  return block ? { sessionUpdate: 'agent_message_chunk', content: block, messageId: ids.message } : undefined;
}
