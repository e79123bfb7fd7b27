import { randomBytes } from 'node:crypto';

/**
 * Identifier formats of §1.3. Generated ids use the CSPRNG; the random part is lowercase hex.
 */

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * `tok_` + 16 hex digits (64 random bits). Treat the result as a secret.
 *
 * @example
 * newToken(); // 'tok_d04b73b59aba408e'
 */
export function newToken(): string {
  return `tok_${hex(8)}`;
}

/**
 * `sess_` + 12 hex digits, one per established peer connection.
 *
 * @example
 * newSessionId(); // 'sess_9cd4944b3b2b'
 */
export function newSessionId(): string {
  return `sess_${hex(6)}`;
}

/**
 * `msg_` + 12 hex digits.
 *
 * @example
 * newMessageId(); // 'msg_f30304a9f41d'
 */
export function newMessageId(): string {
  return `msg_${hex(6)}`;
}

/**
 * `card_` + 12 hex digits, the `message_id` of an `acp.agent_card` frame.
 *
 * @example
 * newCardFrameId(); // 'card_969d5657ef7d'
 */
export function newCardFrameId(): string {
  return `card_${hex(6)}`;
}

/**
 * `task_` + 12 hex digits.
 *
 * @example
 * newTaskId(); // 'task_a1128ab0c6ff'
 */
export function newTaskId(): string {
  return `task_${hex(6)}`;
}

/**
 * `peer_` + a per-node counter padded to three digits; counters above 999 simply grow longer.
 *
 * @example
 * formatPeerId(1); // 'peer_001'
 */
export function formatPeerId(counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`peer counter must be a positive integer, got ${counter}`);
  return `peer_${String(counter).padStart(3, '0')}`;
}

const PATTERNS = {
  token: /^tok_[0-9a-f]{16}$/,
  session: /^sess_[0-9a-f]{12}$/,
  message: /^msg_[0-9a-f]{12}$/,
  card: /^card_[0-9a-f]{12}$/,
  task: /^task_[0-9a-f]{12}$/,
  peer: /^peer_\d{3,}$/,
} as const;

/** Which generated-id format to check with {@link isGeneratedId}. */
export type IdKind = keyof typeof PATTERNS;

/**
 * True when `value` has the exact generated form of `kind`. Clients may supply any non-empty
 * message or task id, so use {@link isClientId} to validate those.
 *
 * @example
 * isGeneratedId('card', 'card_969d5657ef7d'); // true
 */
export function isGeneratedId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && PATTERNS[kind].test(value);
}

/**
 * A client-supplied message or task id: any non-empty string (§1.3).
 *
 * @example
 * isClientId('msg-demo-1'); // true
 */
export function isClientId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
