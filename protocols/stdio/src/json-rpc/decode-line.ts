/**
 * One received line → one {@link Inbound} (spec §3.4, §4). Never throws.
 */
import { truncateUtf8 } from '../framing/utf8.js';
import type { Inbound } from '../types/inbound.js';
import type { PeerMode } from '../types/peer-mode.js';
import { errorResponse } from './build-message.js';
import { NOISE_PREVIEW_BYTES, classifyMessage } from './classify-message.js';
import { MAX_LINE_DEPTH, nestedDeeperThan } from './json-depth.js';
import { parseError } from './rpc-errors.js';

/**
 * Parses and classifies a line from the `LineDecoder`. A line that is not
 * JSON is `-32700` with `id: null` in serve mode and noise in drive mode; so is
 * JSON nested deeper than {@link MAX_LINE_DEPTH} levels, which is refused
 * before it is parsed.
 *
 * @example
 * const m = decodeLine('{"jsonrpc":"2.0","id":1,"method":"session/new","params":{}}', 'serve');
 * m.type; // 'request'
 */
export function decodeLine(line: string, mode: PeerMode): Inbound {
  let value: unknown;
  let problem = nestedDeeperThan(line, MAX_LINE_DEPTH) ? `JSON nested deeper than ${MAX_LINE_DEPTH} levels` : undefined;
  if (problem === undefined) {
    try {
      value = JSON.parse(line);
    } catch (err) {
      problem = err instanceof Error ? err.message : 'invalid JSON';
    }
  }
  if (problem === undefined) return classifyMessage(value, mode, line);
  if (mode === 'drive') return { type: 'noise', preview: truncateUtf8(line, NOISE_PREVIEW_BYTES) };
  return { type: 'invalid', reason: 'parse error', reply: errorResponse(null, parseError(problem)), raw: truncateUtf8(line, NOISE_PREVIEW_BYTES) };
}
