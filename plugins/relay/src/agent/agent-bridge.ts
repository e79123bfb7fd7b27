import { TroupeError, type Message, type Part } from '@troupe/runtime';
import type { AgentOrigin } from '@troupe/actors';
import {
  buildMessageFrame, buildReplyFrame, type JsonObject, type MessageFrame, type WirePart,
} from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import { toTroupeMessage, toWireParts } from './part-mapping.js';
import { DEFAULT_COALESCE, PartCoalescer } from './part-coalescer.js';

/**
 * Hands an inbound user message to the hosted agent and sends its answer back (Troupe):
 * - a synchronous request (`correlation_id`) is answered with one `acp.reply`;
 * - a message attached to a task streams: the answer's parts go out as they come, as artifacts of
 *   `task.updated {status: working}` frames (coalesced by a `PartCoalescer`: the first part at
 *   once, then at most one frame per window), and the last ones with `completed` (or the task
 *   fails); a cancel stops the handler (§4.6). Plain spec behaviour: an upstream requester sees
 *   artifacts appended to a working task, then its end. A Troupe remote ref asks this way
 *   (a `create_task` message), which is how it gets a streamed answer;
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
  const correlationId = typeof frame.correlation_id === 'string' ? frame.correlation_id : undefined;
  const turn: Turn = { frame, correlationId, taskId };
  if (taskId !== undefined && task !== undefined && correlationId === undefined) return streamTask(node, peer, turn, taskId, message, origin);
  const parts: Part[] = [];
  const subscription = agent.ask(message, { origin }).subscribe({
    next: (part) => parts.push(part),
    error: (error: unknown) => failed(node, peer, turn, error),
    complete: () => answered(node, peer, turn, parts),
  });
  if (taskId !== undefined && correlationId === undefined) node.tasks.attachWork(taskId, subscription);
}

/** A task-bound turn: parts leave as task artifacts while the agent produces them. */
function streamTask(node: RelayNodeApi, peer: PeerEntry, turn: Turn, taskId: string, message: Message, origin: AgentOrigin): void {
  const agent = node.config.agent;
  if (!agent) return;
  let streamed = false;
  const coalescer = new PartCoalescer(node.host.clock, DEFAULT_COALESCE, (parts) => {
    streamed = progress(node, taskId, parts) || streamed;
  });
  const subscription = agent.ask(message, { origin }).subscribe({
    next: (part) => coalescer.push(part),
    error: (error: unknown) => {
      coalescer.close();
      failed(node, peer, turn, error);
    },
    complete: () => {
      const wire = toWireParts(coalescer.drain());
      // An answer with no content still completes with an (empty) artifact, as it always did.
      const artifact = wire.length > 0 || !streamed ? { parts: wire } : undefined;
      const outcome = node.tasks.apply(taskId, 'completed', { origin: 'local', ...(artifact === undefined ? {} : { artifact }) });
      if (outcome === 'change') node.propagateTask(taskId, 'completed', artifact);
    },
  });
  subscription.add(() => coalescer.close());
  node.tasks.attachWork(taskId, subscription);
}

/** One coalesced batch as a `working` artifact, here and at the requester; false when nothing went. */
function progress(node: RelayNodeApi, taskId: string, parts: readonly Part[]): boolean {
  const wire = toWireParts(parts);
  if (wire.length === 0) return false;
  const artifact = { parts: wire };
  // A task already cancelling (or ended) takes no more parts (§4.2 denies working then).
  if (node.tasks.apply(taskId, 'working', { origin: 'local', artifact }) === 'denied') return false;
  node.propagateTask(taskId, 'working', artifact);
  return true;
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
