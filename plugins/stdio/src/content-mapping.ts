import type { Metadata, Part } from '@troupe/runtime';
import type { ContentBlock } from '@troupe/protocol-stdio';

/**
 * Metadata key under which the ACP-only fields of a block ride on a Part (`_meta`, `annotations`,
 * unknown fields), so a block survives Part and back unchanged (spec §2, §15).
 *
 * @example
 * part.metadata?.[ACP_KEY]; // { extra: { _meta: {…} } }
 */
export const ACP_KEY = 'acp';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  text: ['type', 'text'],
  image: ['type', 'data', 'mimeType', 'uri'],
  audio: ['type', 'data', 'mimeType'],
  resource_link: ['type', 'uri', 'name', 'title', 'description', 'mimeType', 'size'],
  resource: ['type', 'resource'],
};

/** Fields of a block the Part model has no slot for (kept in metadata.acp.extra). */
function extraOf(block: Record<string, unknown>): Record<string, unknown> | undefined {
  const known = KNOWN_FIELDS[String(block['type'])] ?? ['type'];
  let extra: Record<string, unknown> | undefined;
  for (const key in block) {
    if (!known.includes(key)) (extra ??= {})[key] = block[key];
  }
  return extra;
}

/**
 * An ACP content block as a Part. Unknown block types become a `data` part carrying the block.
 *
 * @example
 * blockToPart({ type: 'text', text: 'hi' }); // { type: 'text', text: 'hi' }
 */
export function blockToPart(block: ContentBlock | Record<string, unknown>): Part {
  const b = block as Record<string, unknown>;
  const extra = extraOf(b);
  const metadata: Metadata | undefined = extra ? { [ACP_KEY]: { extra } } : undefined;
  const withMeta = <P extends Part>(p: P): P => (metadata ? { ...p, metadata } : p);
  switch (b['type']) {
    case 'text':
      return withMeta({ type: 'text', text: String(b['text'] ?? '') });
    case 'image': {
      const p: Mutable<Extract<Part, { type: 'image' }>> = { type: 'image', mimeType: String(b['mimeType'] ?? ''), data: String(b['data'] ?? '') };
      if (typeof b['uri'] === 'string') p.uri = b['uri'];
      return withMeta(p);
    }
    case 'audio':
      return withMeta({ type: 'audio', mimeType: String(b['mimeType'] ?? ''), data: String(b['data'] ?? '') });
    case 'resource_link': {
      const p: Mutable<Extract<Part, { type: 'resource_link' }>> = { type: 'resource_link', uri: String(b['uri'] ?? ''), name: String(b['name'] ?? '') };
      if (typeof b['title'] === 'string') p.title = b['title'];
      if (typeof b['description'] === 'string') p.description = b['description'];
      if (typeof b['mimeType'] === 'string') p.mimeType = b['mimeType'];
      if (typeof b['size'] === 'number') p.size = b['size'];
      return withMeta(p);
    }
    case 'resource': {
      const r = (b['resource'] ?? {}) as Record<string, unknown>;
      const p: Mutable<Extract<Part, { type: 'resource' }>> = { type: 'resource', uri: String(r['uri'] ?? '') };
      if (typeof r['mimeType'] === 'string') p.mimeType = r['mimeType'];
      if (typeof r['text'] === 'string') p.text = r['text'];
      if (typeof r['blob'] === 'string') p.blob = r['blob'];
      const rExtra = Object.keys(r).filter((k) => !['uri', 'mimeType', 'text', 'blob'].includes(k));
      if (rExtra.length > 0) {
        const acp = { extra: extra ?? {}, resourceExtra: Object.fromEntries(rExtra.map((k) => [k, r[k]])) };
        return { ...p, metadata: { [ACP_KEY]: acp } };
      }
      return withMeta(p);
    }
    default:
      return { type: 'data', data: block, mimeType: 'application/vnd.acp.content-block+json' };
  }
}

function acpExtra(part: Part): { extra?: Record<string, unknown>; resourceExtra?: Record<string, unknown> } {
  const acp = part.metadata?.[ACP_KEY];
  return typeof acp === 'object' && acp !== null ? (acp as { extra?: Record<string, unknown> }) : {};
}

/**
 * A Part as an ACP content block, or undefined for parts that are not content (progress, plan,
 * tool calls). `data` parts become JSON text; `file` parts a resource or a resource link.
 *
 * @example
 * partToBlock(text('hi')); // { type: 'text', text: 'hi' }
 */
export function partToBlock(part: Part): ContentBlock | undefined {
  const { extra, resourceExtra } = acpExtra(part);
  const meta = (b: ContentBlock): ContentBlock => (extra ? ({ ...extra, ...b } as ContentBlock) : b);
  switch (part.type) {
    case 'text':
    case 'thought':
      return meta({ type: 'text', text: part.text });
    case 'image':
      return meta(part.uri !== undefined && part.data === undefined
        ? { type: 'resource_link', uri: part.uri, name: part.uri, mimeType: part.mimeType }
        : { type: 'image', data: part.data ?? '', mimeType: part.mimeType, ...(part.uri !== undefined ? { uri: part.uri } : {}) });
    case 'audio':
      return meta({ type: 'audio', data: part.data, mimeType: part.mimeType });
    case 'resource_link': {
      const b: ContentBlock = { type: 'resource_link', uri: part.uri, name: part.name };
      if (part.title !== undefined) b.title = part.title;
      if (part.description !== undefined) b.description = part.description;
      if (part.mimeType !== undefined) b.mimeType = part.mimeType;
      if (part.size !== undefined) b.size = part.size;
      return meta(b);
    }
    case 'resource': {
      const base = { uri: part.uri, ...(part.mimeType !== undefined ? { mimeType: part.mimeType } : {}), ...resourceExtra };
      return meta({ type: 'resource', resource: part.blob !== undefined ? { ...base, blob: part.blob } : { ...base, text: part.text ?? '' } });
    }
    case 'file':
      if (part.bytes !== undefined) {
        return meta({ type: 'resource', resource: { uri: part.uri ?? `file:///${part.name ?? 'file'}`, blob: part.bytes, ...(part.mimeType ? { mimeType: part.mimeType } : {}) } });
      }
      return meta({ type: 'resource_link', uri: part.uri ?? '', name: part.name ?? part.uri ?? 'file', ...(part.mimeType ? { mimeType: part.mimeType } : {}) });
    case 'data':
      if (part.mimeType === 'application/vnd.acp.content-block+json') return part.data as ContentBlock;
      return { type: 'text', text: typeof part.data === 'string' ? part.data : JSON.stringify(part.data) };
    default:
      return undefined;
  }
}
