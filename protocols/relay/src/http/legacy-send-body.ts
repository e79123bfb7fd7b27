import { getOwn, isJsonObject, jsonTypeName, setOwn, type JsonObject, type JsonValue } from '../core/json.js';
import { DEFAULT_SYNC_TIMEOUT_SECONDS, MAX_SYNC_TIMEOUT_SECONDS } from '../core/limits.js';
import { err, ok, type Result } from '../core/result.js';
import { decodeFrameObject, type PeerFrame } from '../frames/decode-frame.js';
import { fieldError, flagField, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/** A validated legacy `POST /send` body (§3.8): a frame to forward plus how to send it. */
export interface LegacySendRequest {
  /** The frame members to forward: the body minus the request-only and signature members. */
  readonly frame: JsonObject;
  /** The client's id (`id`, else `message_id`); the route generates one when absent. */
  readonly id?: string;
  readonly peerId?: string;
  readonly sync: boolean;
  /** Seconds to wait for the reply when `sync`; default 30, capped at 300. */
  readonly timeoutSeconds: number;
}

/**
 * Members that instruct this node and are not forwarded. `peer_id` is a local peer id, meaningless
 * to the receiver (like `to_peer`, §2.4.2); `sync`/`timeout` describe how this node waits, and a
 * receiver reading them could take the frame for a request of its own. Signature members are
 * dropped because the node re-stamps `ts` and signs the frame itself (§2.7); `_`-members are
 * sender-side markers that never go on the wire (§2.3).
 */
const NOT_FORWARDED = new Set(['sync', 'timeout', 'peer_id', 'sig', 'sig_body', 'identity']);

/** Frame types a client may not send through `/send`: the handshake card and the bad-token frame. */
const CONTROL_TYPES = new Set(['acp.agent_card', 'error']);

const FIELDS = [
  ['type', 'string'],
  ['id', 'non-empty string'],
  ['message_id', 'non-empty string'],
  ['correlation_id', 'non-empty string'],
  ['peer_id', 'non-empty string'],
  ['sync', 'boolean'],
  ['timeout', 'number'],
] as const;

/**
 * Validates a legacy `POST /send` body: a JSON object (the frame), `type` a string when present
 * and not a control frame type, ids non-empty strings, `sync` a boolean, `timeout` a positive
 * number of seconds. Every refusal is a 400 envelope.
 *
 * @example
 * decodeLegacySendBody({ type: 'ping', id: 'p1', sync: true, timeout: 5 });
 * // { ok: true, value: { frame: { type: 'ping', id: 'p1' }, id: 'p1', sync: true, timeoutSeconds: 5 } }
 * decodeLegacySendBody([1]).error.body.error; // 'request body must be a JSON object (the frame to send), got array'
 */
export function decodeLegacySendBody(body: JsonValue): Result<LegacySendRequest, HttpError> {
  if (!isJsonObject(body)) return err(invalidRequest(`request body must be a JSON object (the frame to send), got ${jsonTypeName(body)}`));
  const id = stringField(body, 'id') ?? stringField(body, 'message_id');
  const extras = { failed_message_id: id };
  const bad = fieldError(body, FIELDS, extras);
  if (bad !== undefined) return err(bad);
  const type = stringField(body, 'type');
  if (type !== undefined && CONTROL_TYPES.has(type)) return err(invalidRequest(`frame type '${type}' cannot be sent with /send`, extras));
  const timeout = getOwn(body, 'timeout');
  if (typeof timeout === 'number' && timeout <= 0) return err(invalidRequest("field 'timeout' must be a positive number of seconds", extras));
  const frame: JsonObject = {};
  for (const key of Object.keys(body)) {
    const value = getOwn(body, key);
    if (value !== undefined && !NOT_FORWARDED.has(key) && !key.startsWith('_')) setOwn(frame, key, value);
  }
  const peerId = stringField(body, 'peer_id');
  return ok({
    frame,
    sync: flagField(body, 'sync'),
    timeoutSeconds: Math.min(typeof timeout === 'number' ? timeout : DEFAULT_SYNC_TIMEOUT_SECONDS, MAX_SYNC_TIMEOUT_SECONDS),
    ...(id === undefined ? {} : { id }),
    ...(peerId === undefined ? {} : { peerId }),
  });
}

/** What the sending node fills in (§3.8). */
export interface LegacySendStamp {
  /** The client's id or a new message id. */
  readonly id: string;
  readonly ts: string;
  /** The node's agent name. */
  readonly from: string;
  /** The target connection's session id; omitted when there is none (queued for later). */
  readonly sessionId: string | null;
}

/**
 * Builds the frame `/send` forwards: the request's frame with `id`, `ts`, `from` and `session_id`
 * filled in (`ts` and `from` always the node's), and `message_id` set to the id when absent, since
 * signing (§2.7.1) and upstream's dedupe key on it. A synchronous send also carries
 * `correlation_id` (the id, unless the client gave one), which is what the peer answers with
 * (§2.11). The result is checked as a receiver would check it (§2.6), so a frame the peer would
 * drop is refused here with 400 instead of vanishing.
 *
 * @example
 * buildLegacySendFrame(request, { id: 'p1', ts: '2026-11-21T16:24:35.000000Z', from: 'AgentA', sessionId: 'sess_1' });
 * // { ok: true, value: { kind: 'legacy', frame: { type: 'ping', id: 'p1', ts: '…', from: 'AgentA', session_id: 'sess_1', message_id: 'p1' } } }
 */
export function buildLegacySendFrame(request: LegacySendRequest, stamp: LegacySendStamp): Result<PeerFrame, HttpError> {
  const frame: JsonObject = { ...request.frame, id: stamp.id, ts: stamp.ts, from: stamp.from };
  if (stamp.sessionId === null) delete frame['session_id'];
  else frame['session_id'] = stamp.sessionId;
  // `null` counts as absent (§2.3).
  if (getOwn(frame, 'message_id') == null) frame['message_id'] = stamp.id;
  if (request.sync && getOwn(frame, 'correlation_id') == null) frame['correlation_id'] = stamp.id;
  const checked = decodeFrameObject(frame);
  if (!checked.ok) return err(invalidRequest(checked.error.message, { failed_message_id: stamp.id }));
  return ok(checked.value);
}
