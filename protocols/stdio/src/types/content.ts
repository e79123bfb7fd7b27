/**
 * Content blocks (spec §10.1). The shapes follow the Model Context Protocol's
 * content types; the discriminator is `type`.
 */
import type { OpenEnum, WithMeta } from './meta.js';

/** Who a block is meant for. */
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

/** `{type:"text"}`: plain or Markdown text. Always allowed in prompts. */
export interface TextBlock extends BlockBase {
  type: 'text';
  text: string;
}

/** `{type:"image"}`: base64 data. In prompts only with `promptCapabilities.image`. */
export interface ImageBlock extends BlockBase {
  type: 'image';
  data: string;
  mimeType: string;
  uri?: string | null;
}

/** `{type:"audio"}`: base64 data. In prompts only with `promptCapabilities.audio`. */
export interface AudioBlock extends BlockBase {
  type: 'audio';
  data: string;
  mimeType: string;
}

/** `{type:"resource_link"}`: a reference the agent may fetch. Always allowed in prompts. */
export interface ResourceLinkBlock extends BlockBase {
  type: 'resource_link';
  uri: string;
  name: string;
  title?: string | null;
  description?: string | null;
  mimeType?: string | null;
  size?: number | null;
}

/** Text contents of an embedded resource. */
export interface TextResourceContents extends WithMeta {
  uri: string;
  text: string;
  mimeType?: string | null;
}

/** Binary (base64) contents of an embedded resource. */
export interface BlobResourceContents extends WithMeta {
  uri: string;
  blob: string;
  mimeType?: string | null;
}

/** `{type:"resource"}`: inline contents. In prompts only with `promptCapabilities.embeddedContext`. */
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

/** The `type` values of {@link ContentBlock}. */
export type ContentBlockType = ContentBlock['type'];
