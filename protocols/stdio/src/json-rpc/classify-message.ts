/**
 * Classifies a parsed JSON value as a JSON-RPC message (spec §4). Never
 * throws; every malformed value gets a result saying what was wrong and
 * whether to answer it.
 *
 * Answering rules:
 * - batches: one `-32600`, `id: null`, none executed (both modes);
 * - request-shaped (string `method`, an `id` member): answered;
 * - notification-shaped (string `method`, no `id`): never answered;
 * - response-shaped (no `method`): never answered;
 * - anything else: serve answers `-32600` (`id: null`); drive treats an
 *   object with no JSON-RPC member at all, or a non-object, as stdout noise.
 */
import { truncateUtf8 } from '../framing/utf8.js';
import type { Inbound, InboundInvalid } from '../types/inbound.js';
import type { JsonRpcId } from '../types/json-rpc.js';
import type { PeerMode } from '../types/peer-mode.js';
import { errorResponse } from './build-message.js';
import { invalidRequest } from './rpc-errors.js';

/**
 * Bytes of a noise line kept for the inspection event (§3.4).
 *
 * @example
 * truncateUtf8(line, NOISE_PREVIEW_BYTES);
 */
export const NOISE_PREVIEW_BYTES = 200;

/**
 * True for a usable request id: a string, a finite number or `null`.
 *
 * @example
 * isJsonRpcId('7'); // true
 */
export function isJsonRpcId(v: unknown): v is JsonRpcId {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Classifies one parsed value. `line` (the raw text) is only used for the
 * preview of a noise result.
 *
 * @example
 * classifyMessage({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId: 's' } }, 'serve').type; // 'notification'
 */
export function classifyMessage(value: unknown, mode: PeerMode, line?: string): Inbound {
  if (Array.isArray(value)) {
    return { type: 'invalid', reason: 'JSON-RPC batches are not supported', reply: errorResponse(null, invalidRequest('JSON-RPC batches are not supported')), raw: value };
  }
  if (typeof value !== 'object' || value === null) {
    return mode === 'drive' ? noise(value, line) : rejected(null, 'a JSON-RPC message must be an object', value);
  }
  const o = value as Record<string, unknown>;
  const { method, id, jsonrpc } = o;
  const hasId = id !== undefined;
  const versionOk = jsonrpc === '2.0' || jsonrpc === undefined;

  if (typeof method === 'string') {
    const params = o['params'];
    const paramsOk = params === undefined || (typeof params === 'object');
    if (versionOk && paramsOk) {
      const missingVersion = jsonrpc === undefined;
      if (!hasId) return { type: 'notification', method, params, missingVersion };
      if (isJsonRpcId(id)) return { type: 'request', id, method, params, missingVersion };
      return rejected(null, 'id must be a string, a number or null', value);
    }
    const reason = versionOk ? 'params must be an object or an array' : 'jsonrpc must be "2.0"';
    if (!hasId) return { type: 'invalid', reason, raw: value };
    return rejected(isJsonRpcId(id) ? id : null, reason, value);
  }

  if (method === undefined && (hasId || 'result' in o || 'error' in o)) return classifyResponse(o, mode, line);

  if (mode === 'drive') {
    // A JSON log line (e.g. `{"level":30,"msg":"…"}`) is noise, not a protocol error.
    if (method === undefined && jsonrpc === undefined) return noise(value, line);
    return { type: 'invalid', reason: method === undefined ? 'not a JSON-RPC message' : 'method must be a string', raw: value };
  }
  return rejected(isJsonRpcId(id) ? id : null, method === undefined ? 'not a JSON-RPC message' : 'method must be a string', value);
}

function classifyResponse(o: Record<string, unknown>, mode: PeerMode, line: string | undefined): Inbound {
  const { id } = o;
  if (!isJsonRpcId(id)) {
    if (mode === 'drive' && id === undefined && o['jsonrpc'] === undefined) return noise(o, line);
    return { type: 'invalid', reason: 'response without a valid id', raw: o };
  }
  const hasResult = 'result' in o;
  const hasError = 'error' in o;
  if (hasResult && hasError) return { type: 'invalid', reason: 'response has both result and error', id, raw: o };
  if (hasResult) return { type: 'result', id, result: o['result'] };
  if (!hasError) return { type: 'invalid', reason: 'response has neither result nor error', id, raw: o };
  const error = o['error'];
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    if (Number.isInteger(e['code']) && typeof e['message'] === 'string') {
      return { type: 'error', id, error: e as { code: number; message: string; data?: unknown } };
    }
  }
  return { type: 'invalid', reason: 'error must be {code: integer, message: string}', id, raw: o };
}

function rejected(id: JsonRpcId, reason: string, raw: unknown): InboundInvalid {
  return { type: 'invalid', reason, reply: errorResponse(id, invalidRequest(reason)), raw };
}

function noise(value: unknown, line: string | undefined): Inbound {
  const text = line ?? safeStringify(value);
  return { type: 'noise', preview: truncateUtf8(text, NOISE_PREVIEW_BYTES) };
}

function safeStringify(value: unknown): string {
  try {
    return String(JSON.stringify(value));
  } catch {
    return String(value);
  }
}
