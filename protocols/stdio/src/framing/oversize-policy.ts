/**
 * What to do with an inbound line over the size limit (spec §3.2). Pure
 * decision; the plugin performs it and emits the inspection event.
 */
import { errorResponse } from '../json-rpc/build-message.js';
import { messageTooLarge } from '../json-rpc/rpc-errors.js';
import type { JsonRpcId, RpcFailure } from '../types/json-rpc.js';
import type { PeerMode } from '../types/peer-mode.js';
import { sniffEnvelope } from './sniff-envelope.js';

/**
 * - `reply`: write `frame` (a request, or serve mode with no id recovered);
 * - `fail-pending`: a response; never answer it, fail the local pending
 *   request `id` with `message_too_large` instead, because ids are chosen
 *   independently per direction and an error frame would hit a peer request;
 * - `ignore`: drive mode, nothing identifiable.
 *
 * @example
 * const a: OversizeAction = classifyOversize(ev.head, 'drive', limit);
 */
export type OversizeAction =
  | { action: 'reply'; frame: RpcFailure }
  | { action: 'fail-pending'; id: JsonRpcId }
  | { action: 'ignore' };

/**
 * Decides the answer to an over-long line from its recovered head.
 *
 * @example
 * const a = classifyOversize(ev.head, 'serve', decoder.maxMessageBytes);
 * if (a.action === 'reply') write(a.frame);
 */
export function classifyOversize(head: string, mode: PeerMode, limit: number): OversizeAction {
  const env = sniffEnvelope(head);
  if (env.hasId && env.method !== undefined) return { action: 'reply', frame: errorResponse(env.id, messageTooLarge(limit)) };
  if (env.hasId) return { action: 'fail-pending', id: env.id };
  if (mode === 'serve') return { action: 'reply', frame: errorResponse(null, messageTooLarge(limit)) };
  return { action: 'ignore' };
}
