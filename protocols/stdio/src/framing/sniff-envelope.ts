/**
 * Recovers the top-level `id` and `method` of a JSON object from a truncated
 * prefix (the head of an over-long line, §3.2). A tolerant scanner: it walks
 * the members of the outer object only, skipping nested values, and stops
 * where the text ends. Never throws.
 */
import type { JsonRpcId } from '../types/json-rpc.js';

/**
 * What could be recovered. `hasId` is true only if a usable id value was read.
 *
 * @example
 * const { hasId, id, method }: EnvelopeSniff = sniffEnvelope(head);
 */
export interface EnvelopeSniff {
  isObject: boolean;
  hasId: boolean;
  id: JsonRpcId;
  method: string | undefined;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Scans `head` for top-level `"id"` and `"method"` members.
 *
 * @example
 * sniffEnvelope('{"jsonrpc":"2.0","id":7,"method":"session/prompt","params":{"prompt":[{"te');
 * // { isObject: true, hasId: true, id: 7, method: 'session/prompt' }
 */
export function sniffEnvelope(head: string): EnvelopeSniff {
  const found: EnvelopeSniff = { isObject: false, hasId: false, id: null, method: undefined };
  let i = skipWs(head, 0);
  if (head.charCodeAt(i) === 0xfeff) i = skipWs(head, i + 1);
  if (head[i] !== '{') return found;
  found.isObject = true;
  i++;
  for (;;) {
    i = skipWs(head, i);
    if (head[i] !== '"') return found;
    const keyEnd = stringEnd(head, i);
    if (keyEnd < 0) return found;
    const key = parseJson(head.slice(i, keyEnd));
    i = skipWs(head, keyEnd);
    if (head[i] !== ':') return found;
    i = skipWs(head, i + 1);
    const valueEnd = valueEndAt(head, i);
    if (valueEnd < 0) return found;
    if (key === 'id') {
      const v = parseJson(head.slice(i, valueEnd));
      if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) {
        found.hasId = true;
        found.id = v;
      }
    } else if (key === 'method') {
      const v = parseJson(head.slice(i, valueEnd));
      if (typeof v === 'string') found.method = v;
    }
    i = skipWs(head, valueEnd);
    if (head[i] !== ',') return found;
    i++;
  }
}

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

/** Index just after the closing quote of the string starting at `i`, or -1 if cut off. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return -1;
}

/** Index just after the JSON value starting at `i`, or -1 if it is cut off or malformed. */
function valueEndAt(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return stringEnd(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const d = s[j];
      if (d === '"') {
        j = stringEnd(s, j) - 1;
        if (j < 0) return -1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < s.length && !WS.has(s.charCodeAt(j)) && s[j] !== ',' && s[j] !== '}' && s[j] !== ']') j++;
  // A scalar that runs into the end of the head may be cut short (e.g. `12` of `123`).
  return j === i || j === s.length ? -1 : j;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
