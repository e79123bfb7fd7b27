import { data, type Part } from '@troupe/runtime';
import type { ReceivedUpdate, ToolCallContent } from '@troupe/protocol-stdio';
import { ACP_KEY, blockToPart } from '../content-mapping.js';

/**
 * Mime type of the `data` part carrying an update that has no Part shape (session-level, unknown, invalid).
 *
 * @example
 * if (part.type === 'data' && part.mimeType === ACP_UPDATE_MIME) showSessionInfo(part.data);
 */
export const ACP_UPDATE_MIME = 'application/vnd.acp.update+json';

/** Flags a delivered update can carry (§13.1 drive rule 3, §14 drive O4). */
export interface UpdateFlags {
  readonly afterCancel?: boolean;
  readonly outOfTurn?: boolean;
}

/** What `metadata.acp` holds on every part made from an update: the received update itself. */
export interface AcpPartMeta {
  readonly kind: ReceivedUpdate['kind'];
  /** The received `update` object, unchanged (unknown fields and `_meta` included, §17). */
  readonly update: unknown;
  readonly afterCancel?: boolean;
  readonly outOfTurn?: boolean;
  readonly error?: string;
}

/**
 * The typed ACP update behind a part that came from an ACP agent, or undefined.
 *
 * @example
 * ref.ask('hi').subscribe((p) => { if (acpUpdateOf(p)?.kind === 'unknown') console.log('new variant'); });
 */
export function acpUpdateOf(part: Part): AcpPartMeta | undefined {
  const m = part.metadata?.[ACP_KEY];
  return typeof m === 'object' && m !== null && 'update' in m ? (m as AcpPartMeta) : undefined;
}

function plainText(block: unknown): boolean {
  const b = block as Record<string, unknown>;
  if (b['type'] !== 'text' || typeof b['text'] !== 'string') return false;
  for (const k in b) if (k !== 'type' && k !== 'text') return false;
  return true;
}

function toolParts(content: unknown): Part[] | undefined {
  if (!Array.isArray(content)) return undefined;
  return (content as ToolCallContent[]).map((c) => (c.type === 'content' ? blockToPart(c.content) : data(c, 'application/vnd.acp.tool-call-content+json')));
}

/**
 * A received `session/update` as one Part, never dropping anything (§17): chunks become their
 * content's part (`thought` for thought chunks), tool calls `tool_call` parts, plans `plan` parts,
 * everything else (session-level, unknown, invalid) a `data` part with the raw update. Every part
 * carries the received update in `metadata.acp.update`.
 *
 * @example
 * updateToPart(decodeSessionUpdate(params)); // { type: 'text', text: 'hi', metadata: { acp: {…} } }
 */
export function updateToPart(received: ReceivedUpdate, flags: UpdateFlags = {}): Part {
  // Hot path: a plain text message chunk (nothing but type and text in its block), no flags.
  if (received.kind === 'known' && flags.afterCancel !== true && flags.outOfTurn !== true) {
    const u = received.update;
    if (u.sessionUpdate === 'agent_message_chunk' && plainText(u.content)) {
      return { type: 'text', text: (u.content as { text: string }).text, metadata: { [ACP_KEY]: { kind: 'known', update: u } } };
    }
  }
  const raw = received.kind === 'invalid' ? received.raw : received.kind === 'unknown' ? received.raw : received.update;
  const meta: AcpPartMeta = {
    kind: received.kind,
    update: raw,
    ...(flags.afterCancel ? { afterCancel: true } : {}),
    ...(flags.outOfTurn ? { outOfTurn: true } : {}),
    ...(received.kind === 'invalid' ? { error: `${received.issue.path} ${received.issue.reason}` } : {}),
  };
  const metadata = { [ACP_KEY]: meta };
  if (received.kind !== 'known') return { type: 'data', data: raw, mimeType: ACP_UPDATE_MIME, metadata };
  const u = received.update;
  switch (u.sessionUpdate) {
    case 'agent_message_chunk':
    case 'user_message_chunk': {
      const p = blockToPart(u.content);
      const own = p.metadata?.[ACP_KEY];
      return { ...p, metadata: { ...p.metadata, [ACP_KEY]: { ...(typeof own === 'object' ? own : {}), ...meta } } } as Part;
    }
    case 'agent_thought_chunk': {
      const p = blockToPart(u.content);
      return p.type === 'text' ? { type: 'thought', text: p.text, metadata } : { ...p, metadata };
    }
    case 'tool_call':
    case 'tool_call_update': {
      const content = toolParts(u.content);
      const part: Record<string, unknown> = { type: 'tool_call', toolCallId: u.toolCallId, metadata };
      if (u.sessionUpdate === 'tool_call_update') part['update'] = true;
      if (typeof u.title === 'string') part['title'] = u.title;
      if (typeof u.kind === 'string') part['kind'] = u.kind;
      if (u.status === 'pending' || u.status === 'in_progress' || u.status === 'completed' || u.status === 'failed') part['status'] = u.status;
      if (u.rawInput !== undefined) part['input'] = u.rawInput;
      if (u.rawOutput !== undefined) part['output'] = u.rawOutput;
      if (content) part['content'] = content;
      return part as unknown as Part;
    }
    case 'plan':
      return {
        type: 'plan',
        entries: u.entries.map((e) => ({ content: e.content, priority: e.priority as 'high', status: e.status as 'pending' })),
        metadata,
      };
    default:
      return { type: 'data', data: u, mimeType: ACP_UPDATE_MIME, metadata };
  }
}
