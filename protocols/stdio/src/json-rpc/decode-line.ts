/**
 * One received line → one {@link Inbound} (spec §3.4, §4). Never throws.
 */
import { truncateUtf8 } from '../framing/utf8.js';
import type { Inbound } from '../types/inbound.js';
import type { PeerMode } from '../types/peer-mode.js';
import { errorResponse } from './build-message.js';
import { NOISE_PREVIEW_BYTES, classifyMessage } from './classify-message.js';
import { parseError } from './rpc-errors.js';

/**
 * Parses and classifies a line from the `LineDecoder`. A line that is not
 * JSON is `-32700` with `id: null` in serve mode and noise in drive mode.
 *
 * @example
 * const m = decodeLine('{"jsonrpc":"2.0","id":1,"method":"session/new","params":{}}', 'serve');
 * m.type; // 'request'
 */
export function decodeLine(line: string, mode: PeerMode): Inbound {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    if (mode === 'drive') return { type: 'noise', preview: truncateUtf8(line, NOISE_PREVIEW_BYTES) };
    const detail = err instanceof Error ? err.message : 'invalid JSON';
    return { type: 'invalid', reason: 'parse error', reply: errorResponse(null, parseError(detail)), raw: truncateUtf8(line, NOISE_PREVIEW_BYTES) };
  }
  return classifyMessage(value, mode, line);
}
