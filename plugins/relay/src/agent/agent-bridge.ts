import type { Part } from '@troupe/runtime';
import type { AgentOrigin } from '@troupe/actors';
import {
  buildMessageFrame, buildReplyFrame, textPart, type JsonObject, type MessageFrame,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { RelayNode } from '../node/relay-node.js';
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
 * @example
 * if (frame.role === 'user') deliverToAgent(node, peer, frame);
 */
export function deliverToAgent(node: RelayNode, peer: PeerEntry, frame: MessageFrame): void {
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
  const subscription = agent.ask(message, { origin }).subscribe({
    next: (part) => parts.push(part),
    error: (error: unknown) => finish(node, peer, frame, correlationId, taskId, undefined, error instanceof Error ? error.message : String(error)),
    complete: () => finish(node, peer, frame, correlationId, taskId, parts, undefined),
  });
  if (taskId !== undefined && correlationId === undefined) node.tasks.attachWork(taskId, subscription);
}

function finish(node: RelayNode, peer: PeerEntry, frame: MessageFrame, correlationId: string | undefined, taskId: string | undefined, parts: Part[] | undefined, error: string | undefined): void {
  const wire = parts === undefined ? [textPart(`error: ${error ?? 'failed'}`)] : toWireParts(parts);
  const now = node.wire.now();
  if (correlationId !== undefined) {
    const reply = buildReplyFrame({ from: node.config.name, correlation_id: correlationId, parts: wire, ts: now }) as unknown as JsonObject;
    // Only the requester can use a reply: queued for it when it is a dialled peer, else dropped.
    void node.sendOrQueue(peer, reply);
    return;
  }
  if (taskId !== undefined && node.tasks.get(taskId) !== undefined) {
    const artifact = { parts: wire };
    const status = error === undefined ? 'completed' : 'failed';
    const outcome = node.tasks.apply(taskId, status, { origin: 'local', artifact, ...(error === undefined ? {} : { error }) });
    if (outcome === 'change') node.propagateTask(taskId, status, artifact, error);
    return;
  }
  if (wire.length === 0) return;
  const answer = buildMessageFrame({
    from: node.config.name,
    role: 'agent',
    parts: wire,
    server_seq: node.nextServerSeq(),
    ts: now,
    ...(typeof frame.context_id === 'string' ? { context_id: frame.context_id } : {}),
  });
  void node.sendOrQueue(peer, answer as unknown as JsonObject).then((outcome) => {
    if (outcome === 'sent') node.recordOutbound(answer, peer.id, false);
  });
}
