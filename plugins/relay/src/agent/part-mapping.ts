import type { Message, Part } from '@troupe/runtime';
import type { JsonObject, JsonValue, MessageFrame, WirePart } from '@troupe/protocol-relay';

/**
 * Wire part → Troupe part. text/data/file map onto their counterparts; every member the Troupe
 * part has no field for, and any unknown part type, rides in `metadata.relay` so nothing is lost.
 *
 * @example
 * fromWirePart({ type: 'text', content: 'hi' }); // { type: 'text', text: 'hi' }
 */
export function fromWirePart(wire: WirePart): Part {
  const { type, ...rest } = wire;
  if (type === 'text' && typeof rest['content'] === 'string') {
    const { content, ...extra } = rest;
    return withExtra({ type: 'text', text: content as string }, extra);
  }
  if (type === 'data' && 'content' in rest) {
    const { content, ...extra } = rest;
    return withExtra({ type: 'data', data: content }, extra);
  }
  if (type === 'file' && typeof rest['url'] === 'string') {
    const { url, media_type, filename, ...extra } = rest;
    const part: { type: 'file'; uri: string; mimeType?: string; name?: string } = { type: 'file', uri: url as string };
    if (typeof media_type === 'string') part.mimeType = media_type;
    if (typeof filename === 'string') part.name = filename;
    return withExtra(part, extra);
  }
  return { type: 'data', data: wire, metadata: { relay: { part: wire } } };
}

function withExtra<P extends Part>(part: P, extra: Record<string, JsonValue>): P {
  return Object.keys(extra).length === 0 ? part : { ...part, metadata: { relay: extra } };
}

/**
 * Troupe part → wire part, or undefined for parts that are not content (progress, thought).
 * Parts without a wire counterpart travel as `data` parts carrying the Troupe part.
 *
 * @example
 * toWirePart({ type: 'file', uri: 'https://x/f.pdf', mimeType: 'application/pdf' });
 * // { type: 'file', url: 'https://x/f.pdf', media_type: 'application/pdf' }
 */
export function toWirePart(part: Part): WirePart | undefined {
  const extra = (part.metadata?.['relay'] ?? {}) as JsonObject;
  switch (part.type) {
    case 'text':
      return { type: 'text', content: part.text, ...extra };
    case 'data':
      if (isJsonObject(extra['part'])) return extra['part'];
      return { type: 'data', content: (part.data ?? null) as JsonValue, ...extra };
    case 'file':
    case 'image':
      if (part.uri !== undefined) {
        const out: WirePart = { type: 'file', url: part.uri, ...extra };
        if (part.mimeType !== undefined) out['media_type'] = part.mimeType;
        if (part.type === 'file' && part.name !== undefined) out['filename'] = part.name;
        return out;
      }
      return { type: 'data', content: stripMeta(part) };
    case 'progress':
    case 'thought':
      return undefined;
    default:
      return { type: 'data', content: stripMeta(part) };
  }
}

/**
 * Wire parts of a reply stream: consecutive text parts are joined (a streamed answer is one part).
 *
 * @example
 * toWireParts([text('a'), progress('…'), text('b')]); // [{ type: 'text', content: 'ab' }]
 */
export function toWireParts(parts: readonly Part[]): WirePart[] {
  const out: WirePart[] = [];
  for (const part of parts) {
    const wire = toWirePart(part);
    if (!wire) continue;
    const last = out[out.length - 1];
    if (wire['type'] === 'text' && last?.['type'] === 'text' && Object.keys(wire).length === 2 && Object.keys(last).length === 2) {
      last['content'] = `${String(last['content'])}${String(wire['content'])}`;
    } else {
      out.push(wire);
    }
  }
  return out;
}

/**
 * The Troupe message of an inbound `acp.message`; wire-only members go to `metadata.relay`.
 *
 * @example
 * toTroupeMessage(frame, 'peer_001').conversationId; // the frame's context_id
 */
export function toTroupeMessage(frame: MessageFrame, peerId: string): Message {
  const id = typeof frame.message_id === 'string' ? frame.message_id : String(frame.id ?? '');
  const relay: Record<string, JsonValue> = { peer_id: peerId };
  if (frame.server_seq !== undefined) relay['server_seq'] = frame.server_seq;
  if (typeof frame.correlation_id === 'string') relay['correlation_id'] = frame.correlation_id;
  const message: { -readonly [K in keyof Message]: Message[K] } = {
    id,
    role: frame.role === 'agent' ? 'agent' : 'user',
    parts: frame.parts.map(fromWirePart),
    metadata: { relay },
  };
  if (typeof frame.from === 'string') message.from = frame.from;
  if (typeof frame.context_id === 'string') message.conversationId = frame.context_id;
  if (typeof frame.task_id === 'string') message.taskId = frame.task_id;
  return message;
}

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stripMeta(part: Part): JsonValue {
  return JSON.parse(JSON.stringify(part)) as JsonValue;
}
