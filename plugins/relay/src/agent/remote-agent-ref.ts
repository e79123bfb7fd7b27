import { newTaskId, type JsonValue, type WirePart } from '@troupe/protocol-relay';
import { TroupeError, type Message, type Part, type SendOptions } from '@troupe/runtime';
import { ProtocolError, RemoteRef, type LinkState, type RemoteReply, type RemoteTurn } from '@troupe/actors';
import type { PeerEntry } from '../peer/peer-entry.js';
import { sendMessage, sendMessageNow, type OutgoingMessage, type SendOutcome } from '../node/send-message.js';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import type { TaskChange } from '../tasks/task-manager.js';
import { fromWirePart, toWireParts } from './part-mapping.js';

/**
 * An ActorRef for the agent behind a relay peer (`system.connect('acp://…')`), on the `RemoteRef`
 * base (signal, timeout, back-pressure and cancel semantics live there).
 *
 * - `ask` sends the message with `create_task` (§4.3) and follows that task: the artifacts of the
 *   peer's `task.updated` frames are the streamed parts, `completed` ends the stream, `failed`
 *   ends it with `TroupeError('HANDLER_FAILED')` whose cause is the relay error
 *   (`ProtocolError('relay', 'ERR_AGENT_FAILED', …)`), `canceled` with `CANCELLED`. Cancelling
 *   the ask runs the two-phase cancel on the task, which propagates `canceled` to the peer, whose
 *   handler's `ctx.signal` then fires (§4.6).
 * - `tell` sends an `acp.message` (queued while a dialled peer is away); false when it can be
 *   neither sent nor queued.
 * - `events$` follows the peer link: `connecting`, `up`, `down` (redialling), `closed`. Asks
 *   running when it goes down end with `TroupeError('UNREACHABLE')` (and their task is cancelled).
 * - Back-pressure (`ready`) holds parts in the base's queue: the relay wire has no flow control for
 *   task updates, so the peer is not paused.
 *
 * @example
 * const remote = await system.connect('acp://127.0.0.1:7801/tok_…');
 * remote.ask('hello').subscribe((part) => render(part));
 */
export class RemoteAgentRef extends RemoteRef {
  constructor(
    private readonly node: RelayNodeApi,
    private readonly peer: PeerEntry,
  ) {
    super({
      address: peer.ref?.address ?? `acp-peer:${peer.id}`,
      name: peer.name,
      clock: node.host.clock,
      state: peer.connected ? 'up' : 'connecting',
    });
    peer.ref?.events$.subscribe((e) => {
      if (e.type !== 'state') return;
      const state = linkStateOf(e.value);
      this.setLinkState(state);
      // A host answers on the socket it was asked on and cannot queue for a dialler that is away,
      // so a running ask would never hear its end: it fails now, and its cancel is queued for the
      // peer, whose handler stops when the link returns.
      if (state === 'down') this.endAsks(new TroupeError('UNREACHABLE', `the link to ${this.peer.id} went down during the ask`));
    });
  }

  /** The agent's name from its card once known, else the peer's. */
  override get name(): string {
    return this.peer.agentName ?? this.peer.name;
  }

  protected startAsk(msg: Message, reply: RemoteReply): RemoteTurn {
    const { node, peer } = this;
    const taskId = newTaskId();
    // The local send fails the task itself when the peer is unreachable; the send outcome says
    // so with the better error, so task failures count only once the message is on its way.
    let sending = true;
    const stop = node.tasks.observe(taskId, (change) => {
      if (sending && change.kind === 'status' && change.status === 'failed') return;
      follow(change, reply, peer.id);
    });
    const settle = (out: SendOutcome): void => {
      sending = false;
      if (out.status < 400) return;
      stop();
      reply.error(sendError(out, peer.id));
    };
    let out: SendOutcome | Promise<SendOutcome>;
    try {
      // An ask is a request to the remote agent whoever wrote it: a hosted agent only runs `user`
      // frames, so a pipeline's hand-on (role `agent`) sent as is would never be answered.
      out = sendMessageNow(node, { ...outgoing(msg), role: 'user', createTask: true, taskId }, { peer });
    } catch (error) {
      stop();
      throw error;
    }
    if (out instanceof Promise) out.then(settle, (error: unknown) => settle({ status: 500, body: { error: String(error) } }));
    else settle(out);
    return {
      cancel: () => {
        // Two-phase cancel here (nothing local runs the task, so it ends at once), then the peer
        // hears `canceled` and stops its handler (§4.5, §4.6).
        if (node.tasks.cancel(taskId) === 'canceled') node.propagateTask(taskId, 'canceled');
      },
    };
  }

  protected offer(msg: Message, _options: SendOptions | undefined): boolean {
    const { peer } = this;
    if (!peer.connected && (peer.link === null || !this.node.config.offlineQueue)) return false;
    let out: SendOutcome | Promise<SendOutcome>;
    try {
      out = sendMessageNow(this.node, outgoing(msg), { peer });
    } catch {
      return false;
    }
    if (!(out instanceof Promise)) return out.status < 400;
    out.then(
      (o) => { if (o.status >= 400) this.node.host.log('warn', 'relay tell failed', { peer: peer.id, error: errorOf(o.body).message }); },
      (error: unknown) => this.node.host.log('warn', 'relay tell failed', { peer: peer.id, error: String(error) }),
    );
    return true;
  }

  protected async post(msg: Message, _options: SendOptions | undefined): Promise<void> {
    const out = await sendMessage(this.node, outgoing(msg), { peer: this.peer });
    if (out.status >= 400) throw sendError(out, this.peer.id);
  }
}

/** One change of the ask's task, as the asker sees it. */
function follow(change: TaskChange, reply: RemoteReply, peerId: string): void {
  if (change.kind === 'artifact') {
    const parts = change.artifact['parts'];
    if (Array.isArray(parts)) for (const p of parts) if (isWirePart(p)) reply.next(fromWirePart(p));
    return;
  }
  if (change.status === 'completed') reply.complete();
  else if (change.status === 'failed') {
    const text = change.error ?? 'failed';
    reply.error(new TroupeError('HANDLER_FAILED', `the agent behind ${peerId} failed: ${text}`, { cause: new ProtocolError('relay', 'ERR_AGENT_FAILED', text) }));
  } else if (change.status === 'canceled') {
    reply.error(new TroupeError('CANCELLED', `the task at ${peerId} was cancelled`, { cause: new ProtocolError('relay', 'canceled', 'task canceled') }));
  }
}

function outgoing(msg: Message): OutgoingMessage {
  return {
    role: msg.role === 'agent' ? 'agent' : 'user',
    parts: wireOf(msg.parts),
    messageId: msg.id,
    ...(msg.conversationId === undefined ? {} : { contextId: msg.conversationId }),
  };
}

/** A refused send: `UNREACHABLE` when the peer is away and nothing could queue it, else `SEND_FAILED`. */
function sendError(out: SendOutcome, peerId: string): TroupeError {
  const { code, message } = errorOf(out.body);
  const troupeCode = code === 'ERR_NOT_CONNECTED' ? 'UNREACHABLE' : 'SEND_FAILED';
  return new TroupeError(troupeCode, `relay send to ${peerId} failed: ${message}`, { cause: new ProtocolError('relay', code, message) });
}

function errorOf(body: JsonValue): { code: string; message: string } {
  const obj = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const code = typeof obj['error_code'] === 'string' ? obj['error_code'] : 'ERR_INTERNAL';
  const message = typeof obj['error'] === 'string' ? obj['error'] : 'unknown error';
  return { code, message };
}

/** The peer-link machine's state as a `RemoteRef` link state. */
function linkStateOf(value: string): LinkState {
  if (value === 'open') return 'up';
  if (value === 'backoff') return 'down';
  if (value === 'closed') return 'closed';
  return 'connecting';
}

function isWirePart(value: unknown): value is WirePart {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}

function wireOf(parts: readonly Part[]): WirePart[] {
  const wire = toWireParts(parts);
  return wire.length > 0 ? wire : [{ type: 'text', content: '' }];
}
