import { TroupeError, type Part } from '@troupe/runtime';
import type { AgentOrigin } from '@troupe/actors';
import {
  buildMessageFrame, buildReplyFrame, type JsonObject, type MessageFrame, type WirePart,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import { toTroupeMessage, toWireParts } from './part-mapping.js';

/**
 * Hands an inbound user message to the hosted agent and sends its answer back (Troupe):
 * - a synchronous request (`correlation_id`) is answered with one `acp.reply`;
 * - a message attached to a task completes (or fails) that task with the answer as artifact,
 *   propagated to the requester as `task.updated`; a cancel stops the handler (§4.6);
 * - any other message is answered with an `acp.message` (role `agent`, same `context_id`).
 * Agent answers are role `agent`, and only `user` messages reach the agent, so two nodes that
 * both host agents never talk to each other forever.
 *
 * A failed turn is never answered with its error as text: a synchronous request gets an
 * `acp.reply` carrying `error_code: ERR_AGENT_FAILED` and `error` (Troupe extension, §2.4.3), a
 * task goes `failed` with `error` and no artifact, and a plain message gets no answer (the relay
 * wire has no error form for one): the failure is logged at warn with peer and message id.
 *
 * @example
 * if (frame.role === 'user') deliverToAgent(node, peer, frame);
 */
export function deliverToAgent(node: RelayNodeApi, peer: PeerEntry, frame: MessageFrame): void {
  const agent = node.config.agent;
  if (!agent) return;
  const message = toTroupeMessage(frame, peer.id);
  const taskId = message.taskId;
  const task = taskId === undefined ? undefined : node.tasks.get(taskId);
  const origin: AgentOrigin = {
    protocol: 'acp-relay',
    peerId: peer.id,
    ...(message.conversationId === undefined ? {} : { session: { id: message.conversationId } }),
    ...(task === undefined ? {} : { task: { id: task.id, state: task.status, ...(task.context_id === undefined ? {} : { contextId: task.context_id }) } }),
  };
  const parts: Part[] = [];
  const correlationId = typeof frame.correlation_id === 'string' ? frame.correlation_id : undefined;
  const turn: Turn = { frame, correlationId, taskId };
  const subscription = agent.ask(message, { origin }).subscribe({
    next: (part) => parts.push(part),
    error: (error: unknown) => failed(node, peer, turn, error),
    complete: () => answered(node, peer, turn, parts),
  });
  if (taskId !== undefined && correlationId === undefined) node.tasks.attachWork(taskId, subscription);
}

/** The inbound message a turn answers. */
interface Turn {
  readonly frame: MessageFrame;
  readonly correlationId: string | undefined;
  readonly taskId: string | undefined;
}

function answered(node: RelayNodeApi, peer: PeerEntry, turn: Turn, parts: Part[]): void {
  const wire = toWireParts(parts);
  if (turn.correlationId !== undefined) return reply(node, peer, turn.correlationId, { parts: wire });
  if (turn.taskId !== undefined && node.tasks.get(turn.taskId) !== undefined) {
    const artifact = { parts: wire };
    const outcome = node.tasks.apply(turn.taskId, 'completed', { origin: 'local', artifact });
    if (outcome === 'change') node.propagateTask(turn.taskId, 'completed', artifact);
    return;
  }
  if (wire.length === 0) return;
  const answer = buildMessageFrame({
    from: node.config.name,
    role: 'agent',
    parts: wire,
    server_seq: node.nextServerSeq(),
    ts: node.wire.now(),
    ...(typeof turn.frame.context_id === 'string' ? { context_id: turn.frame.context_id } : {}),
  });
  void node.sendOrQueue(peer, answer as unknown as JsonObject).then((outcome) => {
    if (outcome === 'sent') node.recordOutbound(answer, peer.id, false);
  });
}

function failed(node: RelayNodeApi, peer: PeerEntry, turn: Turn, error: unknown): void {
  const text = failureText(error);
  if (turn.correlationId !== undefined) return reply(node, peer, turn.correlationId, { error: { code: 'ERR_AGENT_FAILED', message: text } });
  if (turn.taskId !== undefined && node.tasks.get(turn.taskId) !== undefined) {
    const outcome = node.tasks.apply(turn.taskId, 'failed', { origin: 'local', error: text });
    if (outcome === 'change') node.propagateTask(turn.taskId, 'failed', undefined, text);
    return;
  }
  node.host.log('warn', 'relay agent turn failed; a plain message gets no answer', { peer: peer.id, message_id: turn.frame.message_id, error: text });
}

/** Only the requester can use a reply: queued for it when it is a dialled peer, else dropped. */
function reply(node: RelayNodeApi, peer: PeerEntry, correlationId: string, body: { parts: WirePart[] } | { error: { code: string; message: string } }): void {
  const frame = buildReplyFrame({ from: node.config.name, correlation_id: correlationId, ts: node.wire.now(), ...body });
  void node.sendOrQueue(peer, frame as unknown as JsonObject);
}

/** `CODE: message` of a Troupe error (the code says restarting, stopped, invalid output…). */
function failureText(error: unknown): string {
  if (error instanceof TroupeError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
