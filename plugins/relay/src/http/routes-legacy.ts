import {
  buildLegacySendFrame, decodeLegacySendBody, decodeReplyWaitQuery, failedReplyError, httpError, messageTooLargeError, newMessageId,
  replyTimeoutError, type JsonObject, type MessageFrame, type ReplyFrame,
} from '@troupe/protocol-relay';
import { notConnectedError, resolveTarget, writeNow } from '../node/send-message.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

/**
 * `POST /send` (§3.8, MAY): upstream's legacy send. The body is the frame; the node fills `id`
 * (a new message id when absent), `ts`, `from` and `session_id`, strips the members that only
 * instruct it (`sync`, `timeout`, `peer_id`; see `decodeLegacySendBody`), signs and measures it,
 * and routes it like `/message:send` (§6.7): `peer_id`, else the single connected peer, else
 * 400 `ERR_AMBIGUOUS_PEER`; with none connected it is queued (202) or refused (503). Answers
 * `{"ok": true, "id"}`; with `sync`, `{"ok": true, "id", "reply"}` or 408 `ERR_TIMEOUT`, or 502
 * `ERR_AGENT_FAILED` when the reply says the peer's agent failed (Troupe, §2.4.3).
 */
export function sendLegacy(r: ApiRequest): ApiReply | Promise<ApiReply> {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeLegacySendBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const request = decoded.value;
  const node = r.node;
  const target = resolveTarget(node, request.peerId, request.id);
  if ('status' in target) return fail(target);
  const peer = target.peer;
  const id = request.id ?? newMessageId();
  const built = buildLegacySendFrame(request, {
    id,
    ts: node.wire.now(),
    from: node.config.name,
    sessionId: peer?.connected === true ? peer.sessionId : null,
  });
  if (!built.ok) return fail(built.error);
  const { kind, frame } = built.value;
  const encoded = node.encode(frame);
  if (encoded.tooLarge) return fail(messageTooLargeError(id));
  const correlationId = frame['correlation_id'];
  const wait = request.sync && typeof correlationId === 'string' ? { correlationId, timeoutMs: request.timeoutSeconds * 1000 } : undefined;
  const written = writeNow(node, peer, encoded, wait);
  if (peer !== undefined && written !== 'unsent') {
    // A frame that is a message shows up in the stream and deque like any sent message (§3.4.1).
    if (kind === 'message') node.recordOutbound(frame as MessageFrame, peer.id, false);
    else node.counters.sent += 1;
    if (written === 'sent') return json(200, { ok: true, id });
    return written.then((reply) => {
      if (reply === undefined) return fail(replyTimeoutError(id));
      const failed = failedReplyError(reply, { failed_message_id: id });
      return failed === undefined ? json(200, { ok: true, id, reply: reply as unknown as JsonObject }) : fail(failed);
    });
  }
  if (request.sync) return fail(notConnectedError(peer, id)); // synchronous sends are never queued (§6.6)
  return node.sendOrQueue(peer, frame).then((outcome) => {
    if (outcome === 'sent') return json(200, { ok: true, id });
    if (outcome === 'queued') return json(202, { ok: true, queued: true, id, peer_id: peer?.id ?? 'default' });
    return fail(notConnectedError(peer, id));
  });
}

/**
 * `GET /wait/{correlation_id}?timeout=30` (§3.8, MAY): waits for the `acp.reply` with that
 * correlation id. A reply that came before the wait started, with nobody waiting, is kept by the
 * node and answered at once. `{"ok": true, "reply"}` (502 `ERR_AGENT_FAILED` for a failed turn),
 * or 408 `ERR_TIMEOUT` with `error:
 * "timeout"` (upstream's text; its body was `{"ok": false, "error": "timeout"}`).
 */
export async function waitReply(r: ApiRequest): Promise<ApiReply> {
  const q = decodeReplyWaitQuery(r.query);
  if (!q.ok) return fail(q.error);
  const replies = r.node.replies;
  const reply: ReplyFrame | undefined = replies.unclaimedReply(r.param) ?? (await replies.await(r.param, q.value.timeoutSeconds * 1000));
  if (reply === undefined) return fail(httpError('ERR_TIMEOUT', 'timeout', { correlation_id: r.param }));
  const failed = failedReplyError(reply, { correlation_id: r.param });
  return failed === undefined ? json(200, { ok: true, reply: reply as unknown as JsonObject }) : fail(failed);
}
