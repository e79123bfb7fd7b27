/**
 * Checks for content blocks and annotations (spec §10.1). Value enums
 * (`audience` roles) are open: any string passes (§17).
 */
import { arrayOf, fail, isObj, num, object, str, tagged, uint, type Check } from './check.js';

const annotationsCheck: Check = object({
  optional: { audience: arrayOf(str), priority: num, lastModified: str },
});

const blockOptional = { annotations: annotationsCheck };

const textResource = object({ required: { uri: str, text: str }, optional: { mimeType: str } });
const blobResource = object({ required: { uri: str, blob: str }, optional: { mimeType: str } });

/** `{uri, text}` or `{uri, blob}`; decided by which member is present. */
const resourceContents: Check = (v) => {
  if (!isObj(v)) return fail('must be an object');
  if (v['text'] !== undefined) return textResource(v);
  if (v['blob'] !== undefined) return blobResource(v);
  return fail('must have text or blob');
};

export const contentBlockCheck: Check = tagged('type', {
  text: object({ required: { text: str }, optional: blockOptional }),
  image: object({ required: { data: str, mimeType: str }, optional: { ...blockOptional, uri: str } }),
  audio: object({ required: { data: str, mimeType: str }, optional: blockOptional }),
  resource_link: object({
    required: { uri: str, name: str },
    optional: { ...blockOptional, title: str, description: str, mimeType: str, size: uint },
  }),
  resource: object({ required: { resource: resourceContents }, optional: blockOptional }),
});

export const contentBlocksCheck: Check = arrayOf(contentBlockCheck);
