/**
 * Small builders for content blocks and tool-call content (spec §10.1,
 * §10.2). Optional members are added only when given, so frames stay
 * compact and never carry `undefined`.
 */
import type {
  AudioBlock, ImageBlock, ResourceBlock, ResourceLinkBlock, TextBlock,
} from '../types/content.js';
import type { ContentBlock } from '../types/content.js';
import type { ToolCallContentItem, ToolCallDiffItem, ToolCallTerminalItem } from '../types/tool-call.js';

/** @example textBlock('hello'); // { type: 'text', text: 'hello' } */
export function textBlock(text: string): TextBlock {
  return { type: 'text', text };
}

/** @example imageBlock(base64, 'image/png'); */
export function imageBlock(data: string, mimeType: string, uri?: string): ImageBlock {
  return uri === undefined ? { type: 'image', data, mimeType } : { type: 'image', data, mimeType, uri };
}

/** @example audioBlock(base64, 'audio/wav'); */
export function audioBlock(data: string, mimeType: string): AudioBlock {
  return { type: 'audio', data, mimeType };
}

/** @example resourceLinkBlock('file:///repo/a.ts', 'a.ts'); */
export function resourceLinkBlock(uri: string, name: string, extra: Omit<ResourceLinkBlock, 'type' | 'uri' | 'name'> = {}): ResourceLinkBlock {
  return { type: 'resource_link', uri, name, ...extra };
}

/** @example textResourceBlock('file:///a.ts', 'const a = 1;', 'text/typescript'); */
export function textResourceBlock(uri: string, text: string, mimeType?: string): ResourceBlock {
  return { type: 'resource', resource: mimeType === undefined ? { uri, text } : { uri, text, mimeType } };
}

/** @example blobResourceBlock('file:///a.bin', base64); */
export function blobResourceBlock(uri: string, blob: string, mimeType?: string): ResourceBlock {
  return { type: 'resource', resource: mimeType === undefined ? { uri, blob } : { uri, blob, mimeType } };
}

/** @example toolContent(textBlock('done')); */
export function toolContent(content: ContentBlock): ToolCallContentItem {
  return { type: 'content', content };
}

/** `oldText: null` marks a new file. @example diffContent('/a.ts', null, 'x'); */
export function diffContent(path: string, oldText: string | null, newText: string): ToolCallDiffItem {
  return { type: 'diff', path, oldText, newText };
}

/** @example terminalContent('term-1'); */
export function terminalContent(terminalId: string): ToolCallTerminalItem {
  return { type: 'terminal', terminalId };
}
