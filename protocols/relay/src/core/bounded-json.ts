import { oneLine } from './json.js';
import { exceedsMaxMsgBytes, utf8ByteLength } from './limits.js';
import { err, ok, type Result } from './result.js';

/**
 * Deepest nesting of arrays and objects any decoder of this package accepts. `JSON.parse` takes
 * far deeper text, but what it builds cannot always be written back: `JSON.stringify` (and every
 * other recursive walk: canonical JSON, store copies, msgpack) runs out of stack a few thousand
 * levels down, so a node that stored such a value could no longer serve it. Python's `json`
 * stops near 1,000 levels, so no upstream frame needs more than this.
 */
export const MAX_JSON_DEPTH = 512;

/** Limits of {@link parseBoundedJson}. */
export interface JsonLimits {
  /** Deepest nesting accepted (default {@link MAX_JSON_DEPTH}). */
  readonly maxDepth?: number;
  /** Largest text accepted, in UTF-8 bytes (no limit when absent). */
  readonly maxBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * True when JSON text nests arrays and objects deeper than `maxDepth`. One pass over the text,
 * before anything is built; brackets inside strings do not count. It does not validate the text
 * (the parser does that afterwards), so unbalanced text only ever makes it answer false early.
 *
 * @example
 * jsonNestingExceeds('[[1]]', 1); // true
 * jsonNestingExceeds('["[[["]', 1); // false
 */
export function jsonNestingExceeds(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  // Every level costs at least one character: short texts cannot be too deep.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/**
 * `JSON.parse` within limits: text over `maxBytes` or nested deeper than `maxDepth` is refused
 * before it is parsed. Never throws; the error is one line naming what was wrong, for the caller
 * to put in its protocol's terms.
 *
 * @example
 * parseBoundedJson('{"a":[1]}');               // { ok: true, value: { a: [1] } }
 * parseBoundedJson('[[[]]]', { maxDepth: 2 }); // { ok: false, error: 'JSON nested deeper than 2 levels' }
 */
export function parseBoundedJson(text: string, limits: JsonLimits = {}): Result<unknown> {
  const { maxDepth = MAX_JSON_DEPTH, maxBytes } = limits;
  if (maxBytes !== undefined && exceedsMaxMsgBytes(text, maxBytes)) return err(`JSON text is ${utf8ByteLength(text)} bytes, over the ${maxBytes}-byte limit`);
  if (jsonNestingExceeds(text, maxDepth)) return err(`JSON nested deeper than ${maxDepth} levels`);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err(oneLine(error instanceof Error ? error.message : String(error)));
  }
}
