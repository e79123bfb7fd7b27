import { nextId } from './types/ids.js';
import type { Message, MessageInput, Role } from './types/message.js';
import type {
  AudioPart, DataPart, FilePart, ImagePart, Metadata, Part, PlanEntry, PlanPart, ProgressPart,
  ResourceLinkPart, ResourcePart, TextPart, ThoughtPart, ToolCallPart,
} from './types/part.js';
import { PART_TYPES } from './types/part.js';
import { TroupeError } from './types/troupe-error.js';

/** @example text('hello') // { type: 'text', text: 'hello' } */
export const text = (value: string, metadata?: Metadata): TextPart => (metadata ? { type: 'text', text: value, metadata } : { type: 'text', text: value });
/** @example thought('checking the cache first') */
export const thought = (value: string): ThoughtPart => ({ type: 'thought', text: value });
/** @example data({ rows: 3 }) */
export const data = (value: unknown, mimeType?: string): DataPart => (mimeType ? { type: 'data', data: value, mimeType } : { type: 'data', data: value });
/** @example file({ uri: 'file:///tmp/a.txt', mimeType: 'text/plain' }) */
export const file = (f: Omit<FilePart, 'type'>): FilePart => ({ type: 'file', ...f });
/** @example image('iVBORw0…', 'image/png') */
export const image = (base64: string, mimeType: string): ImagePart => ({ type: 'image', data: base64, mimeType });
/** @example audio('UklGR…', 'audio/wav') */
export const audio = (base64: string, mimeType: string): AudioPart => ({ type: 'audio', data: base64, mimeType });
/** @example resource({ uri: 'file:///a.md', text: '# A' }) */
export const resource = (r: Omit<ResourcePart, 'type'>): ResourcePart => ({ type: 'resource', ...r });
/** @example resourceLink('file:///a.md', 'a.md') */
export const resourceLink = (uri: string, name: string, extra?: Omit<ResourceLinkPart, 'type' | 'uri' | 'name'>): ResourceLinkPart => ({ type: 'resource_link', uri, name, ...extra });
/** @example toolCall('call-1', { title: 'Read file', status: 'in_progress' }) */
export const toolCall = (toolCallId: string, fields: Omit<ToolCallPart, 'type' | 'toolCallId'> = {}): ToolCallPart => ({ type: 'tool_call', toolCallId, ...fields });
/** @example plan([{ content: 'read', priority: 'high', status: 'pending' }]) */
export const plan = (entries: readonly PlanEntry[]): PlanPart => ({ type: 'plan', entries });
/** @example progress('stage 2 of 3', 0.66) */
export const progress = (note: string, ratio?: number): ProgressPart => (ratio === undefined ? { type: 'progress', note } : { type: 'progress', note, ratio });

const partTypes = new Set<string>(PART_TYPES);

function fail(where: string, why: string): never {
  throw new TroupeError('INVALID_PART', `${where}: ${why}`);
}

function requireString(obj: Record<string, unknown>, key: string, where: string): void {
  if (typeof obj[key] !== 'string') fail(where, `field '${key}' must be a string`);
}

function optionalString(obj: Record<string, unknown>, key: string, where: string): void {
  if (obj[key] !== undefined && typeof obj[key] !== 'string') fail(where, `field '${key}' must be a string when present`);
}

/**
 * Checks that `value` is a well-formed Part and returns it typed; throws
 * `TroupeError('INVALID_PART')` naming the offending field otherwise.
 *
 * @example
 * assertPart({ type: 'text', text: 'hi' });
 */
export function assertPart(value: unknown, where = 'part'): Part {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  const p = value as Record<string, unknown>;
  if (typeof p['type'] !== 'string' || !partTypes.has(p['type'])) {
    fail(where, `unknown type ${JSON.stringify(p['type'])} (expected one of ${PART_TYPES.join(', ')})`);
  }
  if (p['metadata'] !== undefined && (typeof p['metadata'] !== 'object' || p['metadata'] === null)) fail(where, "field 'metadata' must be an object");
  switch (p['type']) {
    case 'text':
    case 'thought':
      requireString(p, 'text', where);
      break;
    case 'data':
      if (!('data' in p)) fail(where, "field 'data' is required");
      optionalString(p, 'mimeType', where);
      break;
    case 'file':
      if (p['uri'] === undefined && p['bytes'] === undefined) fail(where, "a file needs 'uri' or 'bytes'");
      for (const k of ['uri', 'bytes', 'name', 'mimeType']) optionalString(p, k, where);
      break;
    case 'image':
      requireString(p, 'mimeType', where);
      if (p['data'] === undefined && p['uri'] === undefined) fail(where, "an image needs 'data' or 'uri'");
      optionalString(p, 'data', where);
      optionalString(p, 'uri', where);
      break;
    case 'audio':
      requireString(p, 'mimeType', where);
      requireString(p, 'data', where);
      break;
    case 'resource':
      requireString(p, 'uri', where);
      for (const k of ['text', 'blob', 'mimeType']) optionalString(p, k, where);
      break;
    case 'resource_link':
      requireString(p, 'uri', where);
      requireString(p, 'name', where);
      break;
    case 'tool_call':
      requireString(p, 'toolCallId', where);
      if (p['content'] !== undefined) {
        if (!Array.isArray(p['content'])) fail(where, "field 'content' must be an array of parts");
        p['content'].forEach((c, i) => assertPart(c, `${where}.content[${i}]`));
      }
      break;
    case 'plan':
      if (!Array.isArray(p['entries'])) fail(where, "field 'entries' must be an array");
      break;
    case 'progress':
      requireString(p, 'note', where);
      if (p['ratio'] !== undefined && typeof p['ratio'] !== 'number') fail(where, "field 'ratio' must be a number");
      break;
  }
  return value as Part;
}

function isMessage(input: object): input is Message {
  return 'parts' in input && 'id' in input;
}

/**
 * Normalizes what the API accepts (text, a part, parts or a Message) into a Message, validating
 * every part.
 *
 * @example
 * toMessage('hello').parts; // [{ type: 'text', text: 'hello' }]
 */
export function toMessage(input: MessageInput, role: Role = 'user'): Message {
  if (typeof input === 'string') return { id: nextId('msg'), role, parts: [text(input)] };
  if (Array.isArray(input)) {
    input.forEach((p, i) => assertPart(p, `parts[${i}]`));
    return { id: nextId('msg'), role, parts: input as readonly Part[] };
  }
  if (typeof input !== 'object' || input === null) throw new TroupeError('INVALID_MESSAGE', 'a message must be text, a part, an array of parts or a Message');
  if (isMessage(input)) {
    if (!Array.isArray(input.parts)) throw new TroupeError('INVALID_MESSAGE', "field 'parts' of a message must be an array");
    input.parts.forEach((p, i) => assertPart(p, `parts[${i}]`));
    return input;
  }
  return { id: nextId('msg'), role, parts: [assertPart(input)] };
}

/** Concatenates the text of every text part (the usual "what did it say"). */
export function textOf(message: Message | readonly Part[]): string {
  const parts = Array.isArray(message) ? (message as readonly Part[]) : (message as Message).parts;
  let out = '';
  for (const p of parts) if (p.type === 'text') out += p.text;
  return out;
}
