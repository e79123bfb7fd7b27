import type { Message } from '@troupe/runtime';
import { frameRejectedEvent, type JsonObject } from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { RelayNodeApi } from './relay-node-api.js';

/** How much of an undecodable frame's text a dead letter keeps. */
const PREVIEW_CHARS = 200;

/**
 * Drops a peer frame visibly. A frame that did not decode or verify (§2.6, §2.7, §7.8) must not
 * vanish: the sender got no error (upstream answers its client 200 before the frame arrives), so
 * the receiving node is the only place that can tell. Every drop is counted in
 * `/status.messages_rejected`, logged at warn with the peer and the reason, recorded as a dead
 * letter (reason `rejected`), and announced as a `rejected` event on `/stream` and `/ws/stream`.
 *
 * @example
 * rejectFrame(node, peer, "frame has a 'sig' that does not match", frame, text);
 */
export function rejectFrame(node: RelayNodeApi, peer: PeerEntry, reason: string, frame: JsonObject | undefined, text: string): void {
  node.counters.rejected += 1;
  const messageId = frame === undefined ? undefined : (stringMember(frame, 'message_id') ?? stringMember(frame, 'id'));
  node.host.log('warn', 'relay frame rejected', messageId === undefined ? { peer: peer.id, reason } : { peer: peer.id, reason, message_id: messageId });
  const message: Message = {
    id: messageId ?? `rejected-${peer.id}-${node.counters.rejected}`,
    role: 'user',
    // The frame as received (or the start of its text): what a person needs to see what was refused.
    parts: frame === undefined ? [{ type: 'text', text: text.slice(0, PREVIEW_CHARS) }] : [{ type: 'data', data: frame }],
    from: peer.id,
    metadata: { protocol: 'acp-relay', peerId: peer.id, reason },
  };
  node.host.deadLetter(message, reason);
  node.emit(frameRejectedEvent(peer.id, reason, messageId));
}

function stringMember(frame: JsonObject, key: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(frame, key) ? frame[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
