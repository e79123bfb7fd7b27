import {
  ambiguousPeerError, buildMessageFrame, failedReplyError, httpError, messageTooLargeError, newMessageId, newTaskId,
  peerNotFoundError, replyTimeoutError, type HttpError, type JsonObject, type JsonValue, type MessageSendRequest,
  type MessageFrame, type ReplyFrame, type WirePart,
} from '@troupe/protocol-relay';
import { TroupeError } from '@troupe/runtime';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { EncodedFrame } from './outbound.js';
import type { RelayNodeApi } from './relay-node-api.js';

/** Where a send goes (§6.7): a connected peer, a queue key, or nowhere. */
export type SendTarget = { readonly peer: PeerEntry | undefined };

/**
 * Resolves the target of `/message:send` (§6.7): explicit `peer_id` (404 when unknown), the single
 * connected peer, ambiguity (400), or, with none connected, the single dialled peer's queue or
 * `default`.
 *
 * @example
 * const t = resolveTarget(node, undefined, 'm1'); // { peer: <the one connected peer> }
 */
export function resolveTarget(node: RelayNodeApi, peerId: string | undefined, messageId: string | undefined): SendTarget | HttpError {
  if (peerId !== undefined) {
    const peer = node.peers.get(peerId);
    return peer ? { peer } : peerNotFoundError(peerId, messageId);
  }
  const connected = node.peers.connectedPeers();
  if (connected.length === 1) return { peer: connected[0] };
  if (connected.length > 1) return ambiguousPeerError(connected.map((p) => p.id), messageId);
  const known = [...node.peers.peers.values()];
  if (known.length === 1 && known[0]?.link !== null) return { peer: known[0] };
  return { peer: undefined };
}

/** What a send produced, as the HTTP answer (§3.4.1). */
export interface SendOutcome {
  readonly status: number;
  readonly body: JsonValue;
  /** The reply frame of a synchronous send. */
  readonly reply?: ReplyFrame;
}

/** The validated parts of a send, however it was requested. */
export interface OutgoingMessage {
  readonly role: 'user' | 'agent';
  readonly parts: readonly WirePart[];
  readonly messageId?: string;
  readonly taskId?: string;
  readonly contextId?: string;
  readonly createTask?: boolean;
  readonly sync?: boolean;
  readonly timeoutSeconds?: number;
}

/**
 * Steps 7–10 of §3.4.1: build, sign and measure the frame, create the task, then send, queue or
 * fail, with the outbound event and deque record. Shared by `/message:send`, `/peer/{id}/send` and
 * remote ActorRefs.
 *
 * @example
 * const out = await sendMessage(node, { role: 'user', parts: [textPart('hi')] }, { peer });
 */
export async function sendMessage(node: RelayNodeApi, msg: OutgoingMessage | MessageSendRequest, target: SendTarget, directed = false): Promise<SendOutcome> {
  return sendMessageNow(node, msg, target, directed);
}

/**
 * {@link sendMessage} answering synchronously when it can: a plain send to a connected peer (the
 * hot path of `/message:send`) costs no promise; a synchronous send or a queued one does.
 * Throws (instead of rejecting) on a message without parts.
 */
export function sendMessageNow(node: RelayNodeApi, msg: OutgoingMessage | MessageSendRequest, target: SendTarget, directed = false): SendOutcome | Promise<SendOutcome> {
  const messageId = msg.messageId ?? newMessageId();
  const taskId = msg.createTask === true ? (msg.taskId ?? newTaskId()) : msg.taskId;
  const sync = msg.sync === true;
  // Checked before a server_seq is taken (buildMessageFrame checks it too, too late for that).
  if (msg.parts.length === 0) throw new TroupeError('INVALID_MESSAGE', 'an acp.message needs at least one part');
  const frame = buildMessageFrame({
    message_id: messageId,
    server_seq: node.nextServerSeq(),
    ts: node.wire.now(),
    from: node.config.name,
    role: msg.role,
    parts: msg.parts,
    task_id: taskId,
    context_id: msg.contextId,
    correlation_id: sync ? messageId : undefined,
  });
  const encoded = node.encode(frame as unknown as JsonObject);
  if (encoded.tooLarge) return errorOutcome(messageTooLargeError(messageId));
  const peer = target.peer;
  let task: JsonValue = null;
  if (msg.createTask === true && taskId !== undefined) {
    const created = node.tasks.create({
      id: taskId,
      payload: { parts: msg.parts as JsonValue },
      start: 'working',
      originMessageId: messageId,
      ...(peer === undefined ? {} : { peerId: peer.id }),
      ...(msg.contextId === undefined ? {} : { contextId: msg.contextId }),
    });
    task = created.task;
  }
  const serverSeq = frame.server_seq as number;
  const written = writeNow(node, peer, encoded, sync ? { correlationId: messageId, timeoutMs: (msg.timeoutSeconds ?? 30) * 1000 } : undefined);
  if (peer !== undefined && written !== 'unsent') {
    node.recordOutbound(frame, peer.id, false, encoded.text.length);
    if (written === 'sent') {
      const ok: SendOutcome = { status: 200, body: directed ? { ok: true, message_id: messageId, peer_id: peer.id, server_seq: serverSeq } : { ok: true, message_id: messageId, server_seq: serverSeq, task } };
      // With a durable store the 200 waits until the frame is kept (issue 9.2); else it costs no promise.
      return node.delivery.durable ? node.delivery.keep(peer, frame as unknown as JsonObject).then(() => ok) : ok;
    }
    return replyOutcome(node, written, messageId, serverSeq, msg.createTask === true ? taskId : undefined);
  }
  return queueOrFail(node, frame, { peer, messageId, serverSeq, taskId, createTask: msg.createTask === true, sync, directed });
}

/**
 * Writes an encoded frame to the target when it is connected: `'unsent'` when it is not (or its
 * socket is gone), `'sent'`, or, with `wait`, the wait for the reply. The wait is registered
 * before the write so a reply that comes back at once cannot be missed, and ended when the write
 * fails. Shared by `/message:send` and the legacy `/send`.
 *
 * @example
 * const w = writeNow(node, peer, node.encode(frame), { correlationId: 'm1', timeoutMs: 30_000 });
 * if (w !== 'unsent' && w !== 'sent') reply = await w;
 */
export function writeNow(
  node: RelayNodeApi,
  peer: PeerEntry | undefined,
  encoded: EncodedFrame,
  wait?: { readonly correlationId: string; readonly timeoutMs: number },
): 'unsent' | 'sent' | Promise<ReplyFrame | undefined> {
  if (!peer?.connected) return 'unsent';
  const waiting = wait === undefined ? undefined : node.replies.await(wait.correlationId, wait.timeoutMs);
  if (node.write(peer, encoded)) return waiting ?? 'sent';
  if (wait !== undefined) node.replies.cancel(wait.correlationId);
  return 'unsent';
}

/**
 * 503 `ERR_NOT_CONNECTED` for a send that was neither written nor queued (§7.3).
 *
 * @example
 * return errorOutcome(notConnectedError(undefined, 'm1'));
 */
export function notConnectedError(peer: PeerEntry | undefined, messageId: string): HttpError {
  const text = peer === undefined ? 'No P2P connection and the message was not queued' : `peer '${peer.id}' is not connected; the message was not queued`;
  return httpError('ERR_NOT_CONNECTED', text, { failed_message_id: messageId, queued: false });
}

/** A synchronous send's answer once the peer replied (or did not in time). */
async function replyOutcome(node: RelayNodeApi, waiting: Promise<ReplyFrame | undefined>, messageId: string, serverSeq: number, taskId: string | undefined): Promise<SendOutcome> {
  const reply = await waiting;
  if (reply === undefined) {
    if (taskId !== undefined) node.tasks.apply(taskId, 'failed', { origin: 'local', error: 'reply timeout' });
    return errorOutcome(replyTimeoutError(messageId));
  }
  const failed = failedReplyError(reply, { failed_message_id: messageId });
  if (failed !== undefined) {
    // The peer's agent failed its turn (Troupe extension of acp.reply): an error, never a 200.
    if (taskId !== undefined) node.tasks.apply(taskId, 'failed', { origin: 'local', error: failed.body.error });
    return { ...errorOutcome(failed), reply };
  }
  if (taskId !== undefined) node.tasks.apply(taskId, 'completed', { origin: 'local', artifact: { parts: (reply.parts ?? []) as JsonValue } });
  return { status: 200, body: { ok: true, message_id: messageId, server_seq: serverSeq, reply: reply as unknown as JsonObject, task: taskOf(node, taskId) }, reply };
}

/** A send that could not be written: keep it in the peer's offline queue when allowed, else fail. */
async function queueOrFail(
  node: RelayNodeApi,
  frame: MessageFrame,
  s: { peer: PeerEntry | undefined; messageId: string; serverSeq: number; taskId: string | undefined; createTask: boolean; sync: boolean; directed: boolean },
): Promise<SendOutcome> {
  const { peer, messageId, serverSeq, taskId } = s;
  if (s.directed && peer !== undefined && peer.link === null) {
    return errorOutcome(httpError('ERR_NOT_CONNECTED', `peer '${peer.id}' is not connected`, { failed_message_id: messageId }));
  }
  if (!s.sync) {
    const outcome = await node.sendOrQueue(peer, frame as unknown as JsonObject);
    if (outcome === 'queued') {
      return { status: 202, body: { ok: true, queued: true, message_id: messageId, server_seq: serverSeq, task: taskOf(node, taskId), peer_id: peer?.id ?? 'default' } };
    }
  }
  if (taskId !== undefined && s.createTask) node.tasks.apply(taskId, 'failed', { origin: 'local', error: 'not connected' });
  return errorOutcome(notConnectedError(peer, messageId));
}

function taskOf(node: RelayNodeApi, taskId: string | undefined): JsonValue {
  return taskId === undefined ? null : (node.tasks.get(taskId) ?? null);
}

function errorOutcome(error: HttpError): SendOutcome {
  return { status: error.status, body: error.body };
}
