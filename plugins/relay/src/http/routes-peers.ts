import { ACP_VERSION, decodePeersConnectBody, invalidRequest, MAX_MSG_BYTES, peerNotFoundError, type JsonObject } from '@troupe/protocol-relay';
import type { ActorRef } from '@troupe/runtime';
import { nodeCard } from '../node/card.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

/** `POST /peers/connect` (§3.5.1): answers at once, dials in the background. */
export function peersConnect(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodePeersConnectBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const node = r.node;
  if (decoded.value.link.token === node.token) return fail(invalidRequest('refusing to dial this node\'s own link'));
  const { peer, already } = node.connect(decoded.value.linkText, decoded.value.name);
  const out: JsonObject = { ok: true, peer_id: peer.id, connecting_to: decoded.value.linkText, name: peer.name };
  if (already) out['already_connected'] = true;
  return json(200, out);
}

/** `GET /peers` (§3.5.2). */
export function peersList(r: ApiRequest): ApiReply {
  const peers = [...r.node.peers.peers.values()];
  return json(200, { peers: peers.map((p) => p.view()), count: peers.length, active: peers.filter((p) => p.connected).length });
}

/** `GET /peers/{id}` and `GET /peer/{id}` (§3.5.3, §7.2). */
export function peerGet(r: ApiRequest): ApiReply {
  const peer = r.node.peers.get(r.param);
  return peer ? json(200, peer.detail()) : fail(peerNotFoundError(r.param));
}

/** `POST /peer/{id}/rename {"name"}` (§3.8, MAY). */
export function peerRename(r: ApiRequest): ApiReply {
  const peer = r.node.peers.get(r.param);
  if (!peer) return fail(peerNotFoundError(r.param));
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const name = body.value['name'];
  if (typeof name !== 'string' || name.trim() === '') return fail(invalidRequest('name required'));
  const old = peer.name;
  peer.name = name.slice(0, 200);
  return json(200, { ok: true, peer_id: peer.id, old_name: old, new_name: peer.name });
}

/** `GET /link` (§3.5.4). */
export function link(r: ApiRequest): ApiReply {
  return json(200, { link: r.node.link, session_id: r.node.lastSessionId });
}

/** `GET /status` (§3.5.5): every key upstream has, plus Troupe's counters. */
export function status(r: ApiRequest): ApiReply {
  const node = r.node;
  const connected = node.peers.connectedPeers();
  const dialledUp = connected.filter((p) => p.link !== null);
  const connectionType = dialledUp.some((p) => p.transportLevel === 'relay') ? 'relay' : dialledUp.length > 0 ? 'p2p_direct' : connected.some((p) => p.transportLevel === 'relay') ? 'relay' : 'host';
  return json(200, {
    acp_version: ACP_VERSION,
    connected: connected.length > 0,
    role: null,
    link: node.link,
    session_id: node.lastSessionId,
    agent_name: node.config.name,
    agent_card: nodeCard(node.config, node.httpPort, true) as unknown as JsonObject,
    peer_card: connected.length > 0 ? node.lastPeerCard : null,
    peer_card_verification: connected.length > 0 ? node.lastPeerCardVerification : null,
    ws_port: node.port,
    http_port: node.httpPort,
    messages_sent: node.counters.sent,
    messages_received: node.counters.received,
    messages_deduped: node.counters.deduped,
    messages_rejected: node.counters.rejected,
    reconnect_count: node.counters.reconnects,
    tasks_created: node.tasks.created,
    started_at: node.startedAt,
    max_msg_bytes: MAX_MSG_BYTES,
    server_seq: node.serverSeq,
    peer_count: connected.length,
    peers_connected: connected.map((p) => p.id),
    p2p_enabled: true,
    limitations: [...node.config.limitations],
    connection_type: connectionType,
    force_relay: false,
    relay_token: null,
    event_seq: node.events.lastSeq,
    agent: hostedAgent(node.config.agent),
  });
}

/**
 * The hosted agent on `/status` (Troupe): its name and lifecycle state (`idle`, `busy`,
 * `restarting`, `failed`, `stopped`…), or `null` when the node hosts none.
 */
function hostedAgent(agent: ActorRef | undefined): JsonObject | null {
  return agent === undefined ? null : { name: agent.name, address: agent.address, state: agent.state };
}

/** `GET /offline-queue` (§3.5.6). */
export function offlineQueue(r: ApiRequest): ApiReply {
  return json(200, r.node.queue.view());
}

/** `GET /discover`: Troupe does no LAN discovery, so the cache is always empty (§3.8). */
export function discover(): ApiReply {
  return json(200, { lan_peers: [], count: 0, mdns_active: false, note: 'LAN discovery is disabled in Troupe' });
}
