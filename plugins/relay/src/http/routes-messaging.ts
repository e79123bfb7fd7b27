import {
  ambiguousPeerError, buildReplyFrame, decodeContextMessagesQuery, decodeMessageSendBody, decodeMessagesQuery,
  decodePeerSendBody, decodeReplyBody, httpError, invalidRequest, peerNotFoundError,
  type JsonObject, type JsonValue,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import { resolveTarget, sendMessageNow, type SendOutcome } from '../node/send-message.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

/** `POST /message:send` (§3.4.1), checks in upstream's order. */
export function messageSend(r: ApiRequest): ApiReply | Promise<ApiReply> {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  let target: ReturnType<typeof resolveTarget> | undefined;
  const decoded = decodeMessageSendBody(body.value, {
    checkPeer: (peerId) => {
      const id = body.value['message_id'];
      target = resolveTarget(r.node, peerId, typeof id === 'string' ? id : undefined);
      return 'status' in target ? target : undefined;
    },
  });
  if (!decoded.ok) return fail(decoded.error);
  if (target === undefined || 'status' in target) return fail(httpError('ERR_INTERNAL', 'routing failed'));
  return answerOf(sendMessageNow(r.node, decoded.value, target));
}

/** The HTTP answer of a send, without a promise when the send finished synchronously. */
function answerOf(out: SendOutcome | Promise<SendOutcome>): ApiReply | Promise<ApiReply> {
  return out instanceof Promise ? out.then((o) => json(o.status, o.body)) : json(out.status, out.body);
}

/** `POST /peer/{id}/send` (§3.4.2): that peer only. */
export function peerSend(r: ApiRequest): ApiReply | Promise<ApiReply> {
  const peer = r.node.peers.get(r.param);
  if (!peer) return fail(peerNotFoundError(r.param));
  const body = r.body();
  if (!body.ok) return fail(body.error);
  if (!peer.connected && peer.link === null) return fail(httpError('ERR_NOT_CONNECTED', `peer '${peer.id}' is not connected`));
  if (peer.connected && !peer.wsReady) return fail(httpError('ERR_PEER_CONNECTING', `peer '${peer.id}' is connecting, retry shortly`));
  const decoded = decodePeerSendBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  return answerOf(sendMessageNow(r.node, decoded.value, { peer }, true));
}

/** `POST /reply` (§3.4.3): to the peer the correlated request came from. */
export function reply(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeReplyBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const { correlationId, parts, content, peerId } = decoded.value;
  const node = r.node;
  let peer: PeerEntry | undefined;
  const origin = node.correlationPeer.get(correlationId);
  if (origin !== undefined) {
    peer = node.peers.get(origin);
    // The asker's entry is gone (a host-side peer that left): never hand its reply to another peer.
    if (peer === undefined) return fail(httpError('ERR_NOT_CONNECTED', 'No P2P connection'));
  }
  if (peer === undefined && peerId !== undefined) {
    peer = node.peers.get(peerId);
    if (!peer) return fail(peerNotFoundError(peerId));
  }
  if (peer === undefined) {
    const connected = node.peers.connectedPeers();
    if (connected.length > 1) return fail(ambiguousPeerError(connected.map((p) => p.id)));
    peer = connected[0];
  }
  const frame = buildReplyFrame({
    from: node.config.name,
    correlation_id: correlationId,
    ts: node.wire.now(),
    ...(parts === undefined ? {} : { parts }),
    ...(content === undefined ? {} : { content }),
  });
  const wire: JsonObject = { ...(frame as unknown as JsonObject), content: frame.content ?? null, parts: frame.parts ?? null };
  const encoded = node.encode(wire);
  if (encoded.tooLarge) return fail(httpError('ERR_MSG_TOO_LARGE', `message too large (max 1048576 bytes)`));
  if (!peer?.connected || !node.write(peer, encoded)) return fail(httpError('ERR_NOT_CONNECTED', 'No P2P connection'));
  return json(200, { ok: true, message_id: frame.message_id ?? null });
}

/**
 * `GET /recv?limit=50`: destructive read (§3.4.4). The entries leave the inbox only once the
 * answer carrying them is encoded (routes answer synchronously here, so nothing moves between).
 */
export function recv(r: ApiRequest): ApiReply {
  const limitText = r.query.get('limit') ?? '50';
  if (!/^\d+$/.test(limitText)) return fail(invalidRequest('limit must be a non-negative integer'));
  const inbox = r.node.inbox;
  const messages = inbox.deque.slice(0, Number(limitText)).map((d) => d.entry);
  return {
    status: 200,
    body: { messages, count: messages.length, remaining: inbox.deque.length - messages.length },
    afterEncode: () => inbox.drain(messages.length),
  };
}

/** `GET /messages` (§3.4.5), sorted and filtered on the numeric receive time (§7.1). */
export function messages(r: ApiRequest): ApiReply {
  const q = decodeMessagesQuery(r.query);
  if (!q.ok) return fail(q.error);
  const { limit, offset, sort, peerId, role, receivedAfter } = q.value;
  let items = r.node.inbox.deque.slice();
  if (receivedAfter !== undefined) items = items.filter((d) => d.atMs / 1000 > receivedAfter);
  if (role !== undefined) items = items.filter((d) => d.frame?.role === role);
  if (peerId !== undefined) {
    const peer = r.node.peers.get(peerId);
    items = items.filter((d) => d.frame?.from === peerId || (peer?.agentName !== null && peer !== undefined && d.frame?.from === peer.agentName) || d.entry['peer_id'] === peerId);
  }
  items.sort((a, b) => a.atMs - b.atMs);
  if (sort === 'desc') items.reverse();
  const page = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  return json(200, { messages: page.map((d) => d.entry), total: items.length, has_more: hasMore, next_offset: hasMore ? offset + limit : offset + page.length });
}

/** `GET /context/{id}/messages` (§3.4.6). */
export function contextMessages(r: ApiRequest): ApiReply {
  const q = decodeContextMessagesQuery(r.query);
  if (!q.ok) return fail(q.error);
  const seqOf = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : 0);
  const matching = r.node.inbox.deque
    .filter((d) => d.frame?.context_id === r.param && seqOf(d.frame.server_seq) > q.value.sinceSeq)
    .map((d, i) => ({ d, i }))
    .sort((a, b) => seqOf(a.d.frame?.server_seq) - seqOf(b.d.frame?.server_seq) || a.i - b.i);
  if (q.value.sort === 'desc') matching.reverse();
  const page = matching.slice(0, q.value.limit).map(({ d }) => {
    const f = d.frame;
    return {
      message_id: f?.message_id ?? null,
      server_seq: f?.server_seq ?? null,
      ts: f?.ts ?? null,
      from: f?.from ?? null,
      role: f?.role ?? null,
      parts: f?.parts ?? [],
      task_id: f?.task_id ?? null,
      context_id: f?.context_id ?? null,
    };
  });
  return json(200, { context_id: r.param, messages: page, count: page.length, total: matching.length, has_more: matching.length > q.value.limit });
}

/** `GET /history?limit=100` (§3.4.7). */
export function history(r: ApiRequest): ApiReply {
  const limitText = r.query.get('limit') ?? '100';
  if (!/^\d+$/.test(limitText)) return fail(invalidRequest('limit must be a non-negative integer'));
  return json(200, r.node.inbox.recentHistory(Number(limitText)) as unknown as JsonObject);
}
