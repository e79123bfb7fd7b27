import {
  checkCardSignature, HMAC_BODY_EXTENSION_URI, isJsonObject,
  type AgentCardFrame, type InboundContext, type JsonObject,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import { rejectFrame } from './frame-rejection.js';
import type { RelayNodeApi } from './relay-node-api.js';

/**
 * Takes a peer's `acp.agent_card` (§2.4.1): its name, pinned Ed25519 key, `sig_body` and ack
 * support all come from the card.
 *
 * Cards are exempt from strict mode (upstream never signs them, §2.7.1), so anyone holding the
 * link can send one. With a secret, a peer that has shown it holds the secret (a frame with a
 * valid HMAC, `peer.hmacVerified`) keeps its identity: an unsigned card on that connection is
 * dropped visibly instead of renaming the peer, unpinning its key or turning `sig_body` off. And
 * an unsigned card never replaces a signed one as the node's "last peer card" (`/status`,
 * `/card`), so another connection cannot spoof the name shown there.
 */
export function onCard(node: RelayNodeApi, peer: PeerEntry, frame: AgentCardFrame, text: string, ctx: InboundContext): void {
  const card = frame.card;
  const signed = ctx.verified.includes('hmac');
  if (node.config.secret !== undefined && !signed && peer.hmacVerified && peer.agentCard !== null) {
    return rejectFrame(node, peer, 'unsigned card from a peer whose frames are HMAC-verified: its identity is kept', frame as unknown as JsonObject, text);
  }
  peer.agentCard = card;
  node.delivery.cardSeen(peer, card);
  const extensions = Array.isArray(card['extensions']) ? card['extensions'] : [];
  peer.usesBodySignature = extensions.some((e) => isJsonObject(e) && e['uri'] === HMAC_BODY_EXTENSION_URI);
  const identity = card['identity'];
  const key = isJsonObject(identity) ? identity['public_key'] : undefined;
  peer.pinnedKey = typeof key === 'string' ? key : undefined;
  peer.cardVerification = checkCardSignature(card) as unknown as JsonObject;
  if (node.config.secret !== undefined && !signed && node.lastPeerCardSigned) return;
  node.lastPeerCard = card;
  node.lastPeerCardVerification = peer.cardVerification;
  node.lastPeerCardSigned = signed;
}
