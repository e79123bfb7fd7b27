/**
 * Content blocks (spec §10.1). The shapes follow the Model Context Protocol's
 * content types; the discriminator is `type`.
 */
import type { OpenEnum, WithMeta } from './meta.js';

/**
 * Who a block is meant for.
 *
 * @example
 * const r: Role = 'user';
 */
export type Role = 'assistant' | 'user';

/**
 * Optional display hints on a block.
 *
 * @example
 * const a: Annotations = { audience: ['user'], priority: 0.5 };
 */
export interface Annotations extends WithMeta {
  audience?: OpenEnum<Role>[] | null;
  priority?: number | null;
  lastModified?: string | null;
}

interface BlockBase extends WithMeta {
  annotations?: Annotations | null;
}

/**
 * `{type:"text"}`: plain or Markdown text. Always allowed in prompts.
 *
 * @example
 * const b: TextBlock = { type: 'text', text: '**hi**' };
 */
export interface TextBlock extends BlockBase {
  type: 'text';
  text: string;
}

/**
 * `{type:"image"}`: base64 data. In prompts only with `promptCapabilities.image`.
 *
 * @example
 * const b: ImageBlock = { type: 'image', data: 'iVBORw0…', mimeType: 'image/png' };
 */
export interface ImageBlock extends BlockBase {
  type: 'image';
  data: string;
  mimeType: string;
  uri?: string | null;
}

/**
 * `{type:"audio"}`: base64 data. In prompts only with `promptCapabilities.audio`.
 *
 * @example
 * const b: AudioBlock = { type: 'audio', data: 'UklGR…', mimeType: 'audio/wav' };
 */
export interface AudioBlock extends BlockBase {
  type: 'audio';
  data: string;
  mimeType: string;
}

/**
 * `{type:"resource_link"}`: a reference the agent may fetch. Always allowed in prompts.
 *
 * @example
 * const b: ResourceLinkBlock = { type: 'resource_link', uri: 'file:///a.ts', name: 'a.ts' };
 */
export interface ResourceLinkBlock extends BlockBase {
  type: 'resource_link';
  uri: string;
  name: string;
  title?: string | null;
  description?: string | null;
  mimeType?: string | null;
  size?: number | null;
}

/**
 * Text contents of an embedded resource.
 *
 * @example
 * const r: TextResourceContents = { uri: 'file:///a.ts', text: 'const a = 1;' };
 */
export interface TextResourceContents extends WithMeta {
  uri: string;
  text: string;
  mimeType?: string | null;
}

/**
 * Binary (base64) contents of an embedded resource.
 *
 * @example
 * const r: BlobResourceContents = { uri: 'file:///a.bin', blob: 'AAEC' };
 */
export interface BlobResourceContents extends WithMeta {
  uri: string;
  blob: string;
  mimeType?: string | null;
}

/**
 * `{type:"resource"}`: inline contents. In prompts only with `promptCapabilities.embeddedContext`.
 *
 * @example
 * const b: ResourceBlock = { type: 'resource', resource: { uri: 'file:///a.ts', text: 'x' } };
 */
export interface ResourceBlock extends BlockBase {
  type: 'resource';
  resource: TextResourceContents | BlobResourceContents;
}

/**
 * Any content block.
 *
 * @example
 * const block: ContentBlock = { type: 'text', text: 'hello' };
 */
export type ContentBlock = TextBlock | ImageBlock | AudioBlock | ResourceLinkBlock | ResourceBlock;

/**
 * The `type` values of {@link ContentBlock}.
 *
 * @example
 * const t: ContentBlockType = 'resource_link';
 */
export type ContentBlockType = ContentBlock['type'];
