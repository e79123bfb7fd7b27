import { getOwn, isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * Parts (§2.5). Three types are defined; on the wire receivers accept any other type and store it
 * unchanged, so received parts are typed as plain objects ({@link WirePart}) and narrowed with the
 * guards below. Extra members of a part are kept.
 */

/** `{"type": "text", "content": <string>}`. */
export interface TextPart {
  type: 'text';
  content: string;
  [extra: string]: JsonValue;
}

/** A reference to a file; bytes are never inlined. */
export interface FilePart {
  type: 'file';
  url: string;
  media_type?: string;
  filename?: string;
  [extra: string]: JsonValue;
}

/** Any JSON value under `content`, `null` included. */
export interface DataPart {
  type: 'data';
  content: JsonValue;
  [extra: string]: JsonValue;
}

/** A part Troupe knows how to build and validate. */
export type Part = TextPart | FilePart | DataPart;

/** A part as received: any JSON object, known type or not. */
export type WirePart = JsonObject;

/** The part types the HTTP API accepts, in the order of its error message. */
export const PART_TYPES = ['text', 'file', 'data'] as const;

/**
 * Builds a text part.
 *
 * @example
 * textPart('hello A'); // { type: 'text', content: 'hello A' }
 */
export function textPart(content: string): TextPart {
  return { type: 'text', content };
}

/**
 * Builds a data part.
 *
 * @example
 * dataPart({ k: 1 }); // { type: 'data', content: { k: 1 } }
 */
export function dataPart(content: JsonValue): DataPart {
  return { type: 'data', content };
}

/**
 * Builds a file part; optional members are left out rather than written as `null`.
 *
 * @example
 * filePart('https://example.invalid/f.pdf', { media_type: 'application/pdf', filename: 'f.pdf' });
 */
export function filePart(url: string, extra: { media_type?: string; filename?: string } = {}): FilePart {
  const part: FilePart = { type: 'file', url };
  if (extra.media_type !== undefined) part.media_type = extra.media_type;
  if (extra.filename !== undefined) part.filename = extra.filename;
  return part;
}

/**
 * Narrows a received part to a well-formed text part.
 *
 * @example
 * isTextPart({ type: 'text', content: 'x' }); // true
 */
export function isTextPart(part: unknown): part is TextPart {
  return isJsonObject(part) && getOwn(part, 'type') === 'text' && typeof getOwn(part, 'content') === 'string';
}

/**
 * Narrows a received part to a well-formed file part.
 *
 * @example
 * isFilePart({ type: 'file', url: '' }); // false
 */
export function isFilePart(part: unknown): part is FilePart {
  if (!isJsonObject(part) || getOwn(part, 'type') !== 'file') return false;
  const url = getOwn(part, 'url');
  return typeof url === 'string' && url.length > 0;
}

/**
 * Narrows a received part to a well-formed data part.
 *
 * @example
 * isDataPart({ type: 'data', content: null }); // true
 */
export function isDataPart(part: unknown): part is DataPart {
  return isJsonObject(part) && getOwn(part, 'type') === 'data' && getOwn(part, 'content') !== undefined;
}
