import {
  decodeFrame, dedupeKey, inboundMessageEntry, inboundMessageEvent, isJsonObject, isTaskState, isTerminalState, legacyEntry,
  legacyMessageEvent, verifyInboundFrame,
  type InboundContext, type JsonObject, type LegacyFrame, type MessageFrame, type PeerFrame, type VerificationName,
} from '@troupe/protocol-relay';
import { deliverToAgent } from '../agent/agent-bridge.js';
import type { PeerEntry } from '../peer/peer-entry.js';
import { rejectFrame } from './frame-rejection.js';
import { onCard } from './peer-card.js';
import type { RelayNodeApi } from './relay-node-api.js';

/**
 * The receive pipeline of §2.6 for one text frame: decode (size, JSON, object, flag stripping),
 * verify (HMAC, `sig_body`, Ed25519), then dispatch by type with dedupe by `message_id`.
 * Never throws: a bad frame is dropped and the connection stays open.
 *
 * @example
 * socket.on('message', (data) => receiveFrame(node, peer, data.toString('utf8')));
 */
export function receiveFrame(node: RelayNodeApi, peer: PeerEntry, text: string): void {
  const decoded = decodeFrame(text);
  if (!decoded.ok) return rejectFrame(node, peer, decoded.error.message, decoded.error.object, text);
  const routed = decoded.value;
  const frame = routed.frame as JsonObject;
  let verified: VerificationName[] = [];
  let verifiedKey: string | undefined;
  if (node.config.secret !== undefined || frame['identity'] !== undefined) {
    const check = verifyInboundFrame(text, frame, {
      nowMs: node.host.clock.now(),
      windowSeconds: node.config.hmacWindowSeconds,
      requireSignedFrames: node.config.requireSigned,
      peerUsesBodySignature: peer.usesBodySignature,
      ...(node.config.secret === undefined ? {} : { secret: node.config.secret }),
      ...(peer.pinnedKey === undefined ? {} : { pinnedPublicKey: peer.pinnedKey }),
    });
    if (!check.accept) return rejectFrame(node, peer, check.reason, frame, text);
    verified = check.verified;
    verifiedKey = check.verifiedKey;
    // The peer holds the secret: from now on its identity is only taken from signed cards.
    if (verified.includes('hmac')) peer.hmacVerified = true;
  }
  dispatch(node, peer, routed, text, verifiedKey === undefined
    ? { receivedAtMs: node.host.clock.now(), peerId: peer.id, verified }
    : { receivedAtMs: node.host.clock.now(), peerId: peer.id, verified, verifiedKey });
}

function dispatch(node: RelayNodeApi, peer: PeerEntry, routed: PeerFrame, text: string, ctx: InboundContext): void {
  if (routed.kind !== 'agent_card') node.delivery.frameBeforeCard(peer);
  switch (routed.kind) {
    case 'agent_card':
      return onCard(node, peer, routed.frame, text, ctx);
    case 'error':
      return;
    case 'ack':
      return node.delivery.acked(peer, routed.frame.acked);
    case 'reply': {
      if (!firstSighting(node, peer, routed.frame)) return;
      if (node.replies.complete(routed.frame)) return;
      // Troupe keeps an unmatched reply instead of dropping it (§2.4.3).
      return onLegacy(node, peer, routed.frame as unknown as LegacyFrame, text, ctx);
    }
    case 'task_updated': {
      if (!firstSighting(node, peer, routed.frame)) return;
      const f = routed.frame;
      const status = f.status ?? 'working';
      if (!isTaskState(status)) return;
      const task = node.tasks.get(f.task_id);
      if (!task) return;
      const artifact = isJsonObject(f.artifact) ? f.artifact : undefined;
      // §4.6.4: a peer cancelling a task this node works on runs both phases here, sending nothing
      // back. A bare `cancelling` (an upstream /update) is taken as the same request, since
      // nothing on the peer's side would ever finish it.
      if ((status === 'canceled' || status === 'cancelling') && task.from_peer === true && !isTerminalState(task.status)) {
        node.tasks.cancel(f.task_id);
        return;
      }
      const error = typeof f.error === 'string' ? f.error : undefined;
      const outcome = node.tasks.apply(f.task_id, status, { origin: 'peer', ...(artifact ? { artifact } : {}), ...(error === undefined ? {} : { error }) });
      if (outcome === 'denied') node.host.log('debug', 'relay task update ignored', { task: f.task_id, from: task.status, to: status });
      return;
    }
    case 'task_delegate': {
      if (!firstSighting(node, peer, routed.frame)) return;
      onLegacy(node, peer, routed.frame as unknown as LegacyFrame, text, ctx);
      const payload = isJsonObject(routed.frame.payload) ? routed.frame.payload : {};
      node.tasks.create({ id: routed.frame.task_id, payload, fromPeer: true, peerId: peer.id, start: 'submitted' });
      return;
    }
    case 'message':
      if (!firstSighting(node, peer, routed.frame)) return;
      return onMessage(node, peer, routed.frame, text, ctx);
    case 'legacy':
      if (!firstSighting(node, peer, routed.frame)) return;
      return onLegacy(node, peer, routed.frame, text, ctx);
  }
}

/**
 * Dedupe by `message_id` (§2.6). Every keyed frame is acknowledged to a peer that asks for it,
 * duplicates included, once what it caused is durable (the ack waits for the group commit).
 */
function firstSighting(node: RelayNodeApi, peer: PeerEntry, frame: JsonObject): boolean {
  const key = dedupeKey(frame);
  if (key === undefined) return true;
  node.acks.ack(peer, key);
  if (node.inbox.firstSighting(key)) return true;
  node.counters.deduped += 1;
  return false;
}

function onMessage(node: RelayNodeApi, peer: PeerEntry, frame: MessageFrame, text: string, ctx: InboundContext): void {
  const taskId = typeof frame.task_id === 'string' ? frame.task_id : undefined;
  if (taskId !== undefined) {
    const task = node.tasks.get(taskId);
    if (!task) {
      node.tasks.create({
        id: taskId,
        payload: { parts: frame.parts },
        fromPeer: true,
        peerId: peer.id,
        start: 'mirror',
        ...(typeof frame.context_id === 'string' ? { contextId: frame.context_id } : {}),
        ...(typeof frame.message_id === 'string' ? { originMessageId: frame.message_id } : {}),
      });
    } else if (task.status === 'input_required') {
      node.tasks.apply(taskId, 'working', { origin: 'peer' });
    }
  }
  node.inbox.addInbound(inboundMessageEntry(frame, ctx), frame, text, ctx);
  node.counters.received += 1;
  peer.messagesReceived += 1;
  if (typeof frame.correlation_id === 'string') {
    node.correlationPeer.set(frame.correlation_id, peer.id);
    if (node.correlationPeer.size > 10_000) {
      const oldest = node.correlationPeer.keys().next().value;
      if (oldest !== undefined) node.correlationPeer.delete(oldest);
    }
  }
  node.emit(inboundMessageEvent(frame, peer.id));
  if (node.config.agent !== undefined && (frame.role ?? 'user') === 'user') deliverToAgent(node, peer, frame);
}

function onLegacy(node: RelayNodeApi, peer: PeerEntry, frame: LegacyFrame, text: string, ctx: InboundContext): void {
  node.inbox.addInbound(legacyEntry(frame, ctx), undefined, text, ctx);
  node.counters.received += 1;
  peer.messagesReceived += 1;
  node.emit(legacyMessageEvent(frame, peer.id));
}
