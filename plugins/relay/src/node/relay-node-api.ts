import type { PluginHost } from '@troupe/runtime';
import type { EventBody, FrameSigningKeys, JsonObject, MessageFrame, TaskState } from '@troupe/protocol-relay';
import type { RelayConfig } from '../options.js';
import type { PeerEntry } from '../peer/peer-entry.js';
import type { PeerManager } from '../peer/peer-manager.js';
import type { TaskManager } from '../tasks/task-manager.js';
import type { AckBatcher } from './ack-batcher.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { EventLog } from './event-log.js';
import type { GroupCommit } from './group-commit.js';
import type { Inbox } from './inbox.js';
import type { OfflineQueue, QueuedFrame } from './offline-queue.js';
import type { EncodedFrame } from './outbound.js';
import type { ReplyWaits } from './reply-waits.js';
import type { wireClock } from './wire-clock.js';
import type { Webhooks } from './webhooks.js';

/** Counters shown by `GET /status`. */
export interface NodeCounters {
  sent: number;
  received: number;
  deduped: number;
  rejected: number;
  reconnects: number;
}

/**
 * What HTTP routes, the receive pipeline, the agent bridge and remote refs use of a relay node.
 * `RelayNode` implements it; they depend on this interface, not on the class (which composes
 * them), so the node, its routes and its receive pipeline do not form an import cycle.
 */
export interface RelayNodeApi {
  readonly host: PluginHost;
  readonly config: RelayConfig;
  readonly token: string;
  readonly port: number;
  readonly httpPort: number;
  /** This node's own link (§1.2). */
  readonly link: string;
  readonly counters: NodeCounters;
  /** Last `server_seq` handed out. */
  readonly serverSeq: number;
  startedAt: number | null;
  lastSessionId: string | null;
  lastPeerCard: JsonObject | null;
  lastPeerCardVerification: JsonObject | null;
  /** `lastPeerCard` came in an HMAC-verified frame (an unsigned card may not replace it). */
  lastPeerCardSigned: boolean;
  readonly keys: FrameSigningKeys;
  /** Wire timestamps from the actor clock (§1.4). */
  readonly wire: ReturnType<typeof wireClock>;
  readonly peers: PeerManager;
  readonly inbox: Inbox;
  readonly events: EventLog;
  readonly queue: OfflineQueue;
  readonly tasks: TaskManager;
  readonly webhooks: Webhooks;
  readonly commit: GroupCommit;
  readonly delivery: DeliveryTracker;
  readonly acks: AckBatcher;
  /** correlation id → peer the request came from, for `/reply` routing (§3.4.3). */
  readonly correlationPeer: Map<string, string>;
  readonly replies: ReplyWaits;
  /** Emits one event on `/stream`, `/ws/stream` and to webhooks, once it is durable. */
  emit(body: EventBody): void;
  /** Signs and encodes a frame with this node's keys. */
  encode(frame: JsonObject): EncodedFrame;
  /** Next `server_seq`. */
  nextServerSeq(): number;
  /** Dials a link, or returns the known peer for it (§3.5.1). */
  connect(linkText: string, name: string | undefined, id?: string): { peer: PeerEntry; already: boolean };
  /** Writes an encoded business frame to a connected peer and keeps it until acknowledged. */
  write(peer: PeerEntry, encoded: EncodedFrame, queued?: QueuedFrame): boolean;
  /** Records an outbound message: SSE event and deque record (§3.4.1); `bytes` sizes it for the deque bound. */
  recordOutbound(frame: MessageFrame, peerId: string, queued: boolean, bytes?: number): void;
  /** Sends a frame to a peer, or keeps it in that peer's offline queue when it is away (§6.6). */
  sendOrQueue(peer: PeerEntry | undefined, frame: JsonObject): Promise<'sent' | 'queued' | 'failed'>;
  /** Sends `task.updated` to a task's counterpart (§4.5). */
  propagateTask(taskId: string, status: TaskState, artifact?: JsonObject, error?: string): void;
}
