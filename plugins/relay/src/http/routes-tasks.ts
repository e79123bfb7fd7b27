import {
  ambiguousPeerError, buildMessageFrame, buildTaskDelegateFrame, decodeCreateTaskBody, decodeTaskContinueBody,
  decodeTaskListQuery, decodeTaskUpdateBody, httpError, isTerminalState, peerNotFoundError,
  taskNotFoundError, type JsonObject, type JsonValue,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

/** `POST /tasks` (alias `/tasks/create`, §3.6.1), with optional delegation. */
export async function createTask(r: ApiRequest): Promise<ApiReply> {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeCreateTaskBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const c = decoded.value;
  const node = r.node;
  let target: PeerEntry | undefined;
  if (c.delegate) {
    if (c.peerId !== undefined) {
      target = node.peers.get(c.peerId);
      if (!target) return fail(peerNotFoundError(c.peerId));
    } else {
      const connected = node.peers.connectedPeers();
      if (connected.length > 1) return fail(ambiguousPeerError(connected.map((p) => p.id)));
      target = connected[0];
    }
  }
  const { task, existed } = node.tasks.create({
    payload: c.payload,
    start: 'submitted',
    ...(c.taskId === undefined ? {} : { id: c.taskId }),
    ...(c.contextId === undefined ? {} : { contextId: c.contextId }),
    ...(c.messageId === undefined ? {} : { originMessageId: c.messageId }),
    ...(target === undefined ? {} : { peerId: target.id }),
  });
  if (existed || !c.delegate) return json(201, { ok: true, task });
  const frame = buildTaskDelegateFrame({ from: node.config.name, task_id: task.id, payload: c.payload, ts: node.wire.now() }) as unknown as JsonObject;
  const outcome = target === undefined ? 'failed' : await node.sendOrQueue(target, frame);
  return json(201, { ok: true, task, delegated: outcome === 'sent', queued: outcome === 'queued' });
}

/** `GET /tasks` (§3.6.2). */
export function listTasks(r: ApiRequest): ApiReply {
  const q = decodeTaskListQuery(r.query);
  if (!q.ok) return fail(q.error);
  return json(200, r.node.tasks.list(q.value));
}

/** `GET /tasks/{id}` (§3.6.3). */
export function getTask(r: ApiRequest): ApiReply {
  const task = r.node.tasks.get(r.param);
  return task ? json(200, task) : fail(taskNotFoundError());
}

/** `GET /tasks/{id}/wait?timeout=30` (§3.6.4): wakes on the state change itself. */
export async function waitTask(r: ApiRequest): Promise<ApiReply> {
  const task = r.node.tasks.get(r.param);
  if (!task) return fail(taskNotFoundError());
  if (isTerminalState(task.status)) return json(200, { task, waited: false });
  const timeout = Number(r.query.get('timeout') ?? '30');
  const seconds = Number.isFinite(timeout) && timeout >= 0 ? Math.min(timeout, 300) : 30;
  const done = await r.node.tasks.waitTerminal(r.param, seconds * 1000);
  const now = r.node.tasks.get(r.param) ?? task;
  return done ? json(200, { task: now, waited: true }) : json(202, { task: now, waited: true, timeout: true });
}

/** `POST /tasks/{id}/update` (§3.6.5): validated by the task machine, propagated to the counterpart. */
export function updateTask(r: ApiRequest): ApiReply {
  if (!r.node.tasks.get(r.param)) return fail(taskNotFoundError());
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeTaskUpdateBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const { status, artifact, error } = decoded.value;
  const before = r.node.tasks.get(r.param)?.status;
  const outcome = r.node.tasks.apply(r.param, status, { origin: 'local', ...(artifact === undefined ? {} : { artifact }), ...(error === undefined ? {} : { error }) });
  if (outcome === 'denied') return fail(httpError('ERR_INVALID_STATE', `task cannot go from ${before ?? '?'} to ${status}`));
  // `cancelling` never goes on the wire (§4.5): the peer could never finish it.
  if (status !== 'cancelling') r.node.propagateTask(r.param, status, artifact, error);
  return json(200, { ok: true, task: r.node.tasks.get(r.param) ?? null });
}

/** `POST /tasks/{id}/continue` (§3.6.6): resumes an `input_required` task and tells the counterpart. */
export async function continueTask(r: ApiRequest): Promise<ApiReply> {
  const node = r.node;
  const task = node.tasks.get(r.param);
  if (!task) return fail(taskNotFoundError());
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeTaskContinueBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  if (task.status !== 'input_required') return fail(httpError('ERR_INVALID_STATE', `task is not in interrupted state (is: ${task.status})`));
  node.tasks.apply(r.param, 'working', { origin: 'local' });
  const peer = task.peer_id === undefined ? undefined : node.peers.get(task.peer_id);
  if (peer) {
    const frame = buildMessageFrame({
      from: node.config.name,
      role: 'user',
      parts: decoded.value.parts,
      task_id: task.id,
      server_seq: node.nextServerSeq(),
      ts: node.wire.now(),
      ...(task.context_id === undefined ? {} : { context_id: task.context_id }),
    });
    const outcome = await node.sendOrQueue(peer, frame as unknown as JsonObject);
    if (outcome === 'sent') node.recordOutbound(frame, peer.id, false);
  }
  return json(200, { ok: true, task: node.tasks.get(r.param) ?? null });
}

/** `POST /tasks/{id}:cancel` (§3.6.7): two-phase, then `canceled` goes to the counterpart. */
export function cancelTask(r: ApiRequest): ApiReply {
  const task = r.node.tasks.get(r.param);
  if (!task) return fail(taskNotFoundError());
  if (isTerminalState(task.status)) return json(200, { ok: true, task_id: task.id, status: task.status, note: 'task already in terminal state' });
  if (task.status === 'cancelling') return json(200, { ok: true, task_id: task.id, status: 'cancelling', note: 'cancel already in progress' });
  r.node.tasks.apply(task.id, 'cancelling', { origin: 'local' });
  // Phase 2 after the answer, so the client sees `cancelling` first (§4.6).
  setImmediate(() => {
    const final = r.node.tasks.cancel(task.id);
    if (final === 'canceled') r.node.propagateTask(task.id, 'canceled');
  });
  return json(200, { ok: true, task_id: task.id, status: 'cancelling' });
}

/** `DELETE /tasks/{id}` (§3.6.8): fails the task with `deleted` and tells the counterpart. */
export function deleteTask(r: ApiRequest): ApiReply {
  const task = r.node.tasks.get(r.param);
  if (!task) return fail(taskNotFoundError());
  if (isTerminalState(task.status)) return fail(httpError('ERR_TASK_NOT_CANCELABLE', `already terminal: ${task.status}`));
  r.node.tasks.apply(task.id, 'failed', { origin: 'local', error: 'deleted' });
  r.node.propagateTask(task.id, 'failed', undefined, 'deleted');
  return json(200, { ok: true, task_id: task.id } as Record<string, JsonValue>);
}
