import { TroupeError, type PluginHost } from '@troupe/runtime';
import {
  buildTaskUpdatedFrame, formatLink, newToken, outboundMessageEvent, outboundRecord, parseLink,
  peerConnectedEvent, peerDisconnectedEvent, relayFallbackEvent, requeueFrame, type EventBody, type FrameSigningKeys,
  type JsonObject, type MessageFrame, type TaskState,
} from '@troupe/protocol-relay';
import { HttpApi } from '../http/http-api.js';
import type { RelayConfig } from '../options.js';
import type { RelayLink } from '../relay-connect-options.js';
import { PeerListener } from '../peer/peer-listener.js';
import { PeerManager } from '../peer/peer-manager.js';
import type { PeerEntry } from '../peer/peer-entry.js';
import { RendezvousHostLink } from '../rendezvous/rendezvous-host-link.js';
import { TaskManager } from '../tasks/task-manager.js';
import { AckBatcher } from './ack-batcher.js';
import { cardFrame } from './card.js';
import { DeliveryTracker } from './delivery-tracker.js';
import { EventLog } from './event-log.js';
import { GroupCommit } from './group-commit.js';
import { Inbox } from './inbox.js';
import { OfflineQueue, type QueuedFrame } from './offline-queue.js';
import { encodeOutbound, type EncodedFrame } from './outbound.js';
import { receiveFrame } from './receive.js';
import type { NodeCounters, RelayNodeApi } from './relay-node-api.js';
import { ReplyWaits } from './reply-waits.js';
import { wireClock } from './wire-clock.js';
import { Webhooks } from './webhooks.js';

/**
 * One relay node: its peers, tasks, inbox, event stream and offline queues, and the low-level
 * send path every route and actor goes through. HTTP routes live in `http/`, the receive pipeline
 * in `receive.ts`.
 *
 * @example
 * const node = new RelayNode(host, resolveConfig({ name: 'AgentA', port: 0 }));
 * await node.start();
 * node.link; // 'acp://127.0.0.1:50123/tok_…'
 */
export class RelayNode implements RelayNodeApi {
  token = '';
  port = 0;
  httpPort = 0;
  readonly counters: NodeCounters = { sent: 0, received: 0, deduped: 0, rejected: 0, reconnects: 0 };
  serverSeq = 0;
  startedAt: number | null = null;
  lastSessionId: string | null = null;
  lastPeerCard: JsonObject | null = null;
  lastPeerCardVerification: JsonObject | null = null;
  /** `lastPeerCard` came in an HMAC-verified frame (an unsigned card may not replace it). */
  lastPeerCardSigned = false;
  readonly keys: FrameSigningKeys;
  /** Wire timestamps from the actor clock (§1.4). */
  readonly wire: ReturnType<typeof wireClock>;
  readonly peers: PeerManager;
  readonly inbox: Inbox;
  readonly events: EventLog;
  readonly queue: OfflineQueue;
  readonly tasks: TaskManager;
  readonly webhooks: Webhooks;
  /** Group commit of the event and history journals: nothing is shown or acknowledged before it is durable. */
  readonly commit: GroupCommit;
  /** Frames sent and not yet acknowledged (acknowledgement extension, sending side). */
  readonly delivery: DeliveryTracker;
  /** Acknowledgements owed to peers (receiving side). */
  readonly acks: AckBatcher;
  /** correlation id → peer the request came from, for `/reply` routing (§3.4.3). */
  readonly correlationPeer = new Map<string, string>();
  /** Waits for `acp.reply` frames: synchronous sends and `GET /wait` (§2.11). */
  readonly replies: ReplyWaits;
  private listener: PeerListener | undefined;
  private api: HttpApi | undefined;
  private rendezvous: RendezvousHostLink | undefined;

  constructor(
    readonly host: PluginHost,
    readonly config: RelayConfig,
  ) {
    const prefix = config.storePrefix;
    this.wire = wireClock(host.clock);
    this.keys = {
      ...(config.secret === undefined ? {} : { secret: config.secret }),
      ...(config.hmacBody ? { hmacBody: true } : {}),
      ...(config.identity === undefined ? {} : { identity: config.identity }),
    };
    const report = (error: unknown): void => host.log('warn', 'relay store write failed', { error: String(error) });
    this.commit = new GroupCommit(host.store, report);
    this.events = new EventLog(host.store, this.commit, `${prefix}/events`, config.eventLogSize, () => this.wire.now(), config.eventLogBytes);
    this.events.reportErrorsTo(report);
    this.inbox = new Inbox(host.store, this.commit, `${prefix}/history`, {
      dequeBytes: config.messageDequeBytes,
      historySize: config.historySize,
      historyBytes: config.historyBytes,
    });
    this.inbox.reportErrorsTo(report);
    this.queue = new OfflineQueue(host.store, `${prefix}/offline`, config.offlineQueueSize);
    // A memory store dies with the process: waiting for it would add latency and save nothing.
    this.delivery = new DeliveryTracker(this.queue, () => this.wire.now(), report, host.store.kind !== 'memory');
    this.acks = new AckBatcher(this.commit, host.clock, () => this.config.name, (peer, frame) => peer.socket?.send(this.encode(frame).text));
    this.webhooks = new Webhooks((msg, data) => host.log('warn', msg, data));
    // Webhooks see an event when subscribers do: once it is durable.
    this.events.subscribe((logged) => {
      if (this.webhooks.size > 0) this.webhooks.deliver(logged);
    });
    this.replies = new ReplyWaits(host.clock);
    this.tasks = new TaskManager(host, (body) => this.emit(body), config.finishedTasks);
    this.peers = new PeerManager(host, config, {
      cardFrameText: () => this.encode(cardFrame(this.config, this.httpPort)).text,
      frame: (peer, text) => receiveFrame(this, peer, text),
      connected: (peer, reconnected) => this.onConnected(peer, reconnected),
      disconnected: (peer) => this.onDisconnected(peer),
      relayFallback: (peer) => this.emit(relayFallbackEvent(peer.id)),
    }, () => this.token);
  }

  /** This node's own link (§1.2); it never changes. */
  get link(): RelayLink {
    return formatLink({ host: this.config.advertiseHost ?? this.config.host, port: this.port, token: this.token });
  }

  /** Loads durable state, then opens the peer listener (and the rendezvous waiting socket). */
  async start(): Promise<void> {
    const store = this.host.store;
    const prefix = this.config.storePrefix;
    const savedToken = await store.get<string>(`${prefix}/token`);
    this.token = this.config.token ?? savedToken ?? newToken();
    if (savedToken !== this.token) await store.put(`${prefix}/token`, this.token);
    this.serverSeq = (await store.get<number>(`${prefix}/server-seq`)) ?? 0;
    this.peers.restoreCounter((await store.get<number>(`${prefix}/peer-counter`)) ?? 0);
    await Promise.all([this.events.load(), this.inbox.load(), this.queue.load()]);
    this.listener = await PeerListener.listen(
      this.config.host,
      this.config.port,
      () => this.token,
      (transport) => void this.peers.accept(transport, 'direct'),
      (error, remote) => this.host.log('warn', 'peer socket error', { remote, error: error.message }),
    );
    this.port = this.listener.port;
    this.api = await HttpApi.listen(this, this.config.httpHost, this.config.httpPort);
    this.httpPort = this.api.port;
    if (this.config.rendezvousUrl !== undefined) {
      this.rendezvous = new RendezvousHostLink(this.config.rendezvousUrl, () => this.token, (transport) => this.peers.accept(transport, 'relay'), (msg) => this.host.log('debug', msg), this.host.clock);
      this.rendezvous.start();
    }
    for (const [key, saved] of await store.entries<{ link: string; name: string }>(`${prefix}/dialled/`)) {
      this.connect(saved.link, saved.name, key.slice(`${prefix}/dialled/`.length));
    }
    for (const link of this.config.join) {
      if (!this.peers.byLinkText(link)) this.connect(link, undefined);
    }
  }

  async stop(): Promise<void> {
    this.rendezvous?.stop();
    await this.commit.flush();
    this.acks.sendReady();
    this.peers.stop();
    this.tasks.stop();
    this.replies.stop();
    await Promise.all([this.listener?.close(), this.api?.close(), this.commit.flush()]);
    const prefix = this.config.storePrefix;
    await this.host.store.put(`${prefix}/server-seq`, this.serverSeq).catch(() => undefined);
  }

  /** Emits one event on `/stream`, `/ws/stream` and to webhooks, once it is durable. */
  emit(body: EventBody): void {
    this.events.emit(body);
  }

  /** Signs and encodes a frame with this node's keys. */
  encode(frame: JsonObject): EncodedFrame {
    return encodeOutbound(frame, this.keys);
  }

  /** Next `server_seq` (persisted lazily: only monotonicity matters, receivers never check it). */
  nextServerSeq(): number {
    this.serverSeq += 1;
    if (this.serverSeq % 1000 === 0) void this.host.store.put(`${this.config.storePrefix}/server-seq`, this.serverSeq + 1000).catch(() => undefined);
    return this.serverSeq;
  }

  /** Dials a link, or returns the known peer for it (§3.5.1). Dialled links are remembered. */
  connect(linkText: string, name: string | undefined, id?: string): { peer: PeerEntry; already: boolean } {
    const parsed = parseLink(linkText);
    if (!parsed.ok) throw new TroupeError('INVALID_ADDRESS', `not a relay link: ${parsed.error}`);
    const link = parsed.value;
    const result = this.peers.dial(linkText, link, name, id);
    if (!result.already) {
      const prefix = this.config.storePrefix;
      void this.host.store.put(`${prefix}/dialled/${result.peer.id}`, { link: linkText, name: result.peer.name }).catch(() => undefined);
      void this.host.store.put(`${prefix}/peer-counter`, this.peers.lastCounter).catch(() => undefined);
    }
    return result;
  }

  /** Gives up on a dialled link for good: no more dials, and not redialled on the next start. */
  hangUp(peer: PeerEntry, error: string): void {
    this.peers.hangUp(peer, error);
    void this.host.store.delete(`${this.config.storePrefix}/dialled/${peer.id}`).catch(() => undefined);
  }

  /**
   * Writes an encoded business frame to a connected peer and keeps it until acknowledged; false
   * when its socket is gone or too many frames to it are unacknowledged. `queued` is the
   * offline-queue entry it came from, deleted once acknowledged.
   */
  write(peer: PeerEntry, encoded: EncodedFrame, queued?: QueuedFrame): boolean {
    if (peer.ackMode !== 'none' && this.delivery.full(peer)) return false;
    if (!peer.socket?.send(encoded.text)) return false;
    peer.messagesSent += 1;
    this.delivery.sent(peer, encoded.frame, queued);
    return true;
  }

  /** Records an outbound message of about `bytes` bytes: SSE event and deque record (§3.4.1). */
  recordOutbound(frame: MessageFrame, peerId: string, queued: boolean, bytes = approximateBytes(frame)): void {
    this.counters.sent += 1;
    const now = this.host.clock.now();
    this.emit(outboundMessageEvent(frame, { peerId, queued }));
    this.inbox.addOutbound(outboundRecord(frame, { sentAtMs: now, toPeerId: peerId }), frame, now, bytes);
  }

  /**
   * Sends a frame to a peer, or keeps it in that peer's offline queue when the peer is a dialled
   * one that is away (§6.6). Returns what happened.
   */
  async sendOrQueue(peer: PeerEntry | undefined, frame: JsonObject): Promise<'sent' | 'queued' | 'failed'> {
    if (peer?.connected) {
      const encoded = this.encode(frame);
      if (this.write(peer, encoded)) return 'sent';
    }
    const dest = peer === undefined ? 'default' : peer.link !== null ? peer.id : undefined;
    if (dest === undefined || !this.config.offlineQueue) return 'failed';
    return (await this.queue.enqueue(dest, frame, this.wire.now())) ? 'queued' : 'failed';
  }

  /** Sends `task.updated` to a task's counterpart (§4.5); queued when it is away. */
  propagateTask(taskId: string, status: TaskState, artifact?: JsonObject, error?: string): void {
    if (status === 'cancelling') return; // never on the wire (§4.5)
    const task = this.tasks.get(taskId);
    const peer = task?.peer_id === undefined ? undefined : this.peers.get(task.peer_id);
    if (!peer) return;
    const frame = buildTaskUpdatedFrame({
      from: this.config.name,
      task_id: taskId,
      status,
      ts: this.wire.now(),
      ...(artifact === undefined ? {} : { artifact }),
      ...(error === undefined ? {} : { error }),
    }) as unknown as JsonObject;
    void this.sendOrQueue(peer, frame);
  }

  private onConnected(peer: PeerEntry, reconnected: boolean): void {
    if (this.startedAt === null) this.startedAt = this.host.clock.now() / 1000;
    if (reconnected && peer.link !== null) this.counters.reconnects += 1;
    this.lastSessionId = peer.sessionId;
    this.emit(peerConnectedEvent(peer.sessionId ?? '', peer.id));
    this.flush(peer);
  }

  private onDisconnected(peer: PeerEntry): void {
    this.delivery.disconnected(peer);
    this.emit(peerDisconnectedEvent(peer.id));
    if (this.peers.connectedPeers().length === 0) {
      this.lastPeerCard = null;
      this.lastPeerCardSigned = false;
    }
  }

  /**
   * Flushes the peer's queue, or `default` when it has none, re-stamped and signed now (§6.6).
   * Each entry stays in the store until the peer acknowledges it; what cannot be written now goes
   * back in front of its queue, in order.
   */
  private flush(peer: PeerEntry): void {
    const own = this.queue.take(peer.id);
    const items = own.length > 0 ? own : this.queue.take('default');
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i] as QueuedFrame;
      const frame = requeueFrame(item.frame, this.wire.now());
      const encoded = this.encode(frame);
      if (!this.write(peer, encoded, item)) {
        this.queue.restore(items.slice(i));
        return;
      }
      if (frame['type'] === 'acp.message') this.recordOutbound(frame as unknown as MessageFrame, peer.id, true, encoded.text.length);
    }
  }
}

/** Bytes of a message's parts, about, for the deque's byte bound where the encoded text is not at hand. */
function approximateBytes(frame: MessageFrame): number {
  let bytes = 256;
  for (const part of frame.parts) {
    const content = (part as { content?: unknown }).content;
    bytes += typeof content === 'string' ? content.length : (JSON.stringify(content ?? null)?.length ?? 0);
  }
  return bytes;
}
