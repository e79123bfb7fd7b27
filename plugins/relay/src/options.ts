import { TroupeError, type ActorRef } from '@troupe/runtime';
import {
  DEFAULT_PEER_PORT, HMAC_WINDOW_SECONDS, HTTP_PORT_OFFSET, OFFLINE_QUEUE_PER_PEER, type Availability,
  type CardExtension, type Ed25519Identity, type SkillInit,
} from '@troupe/protocol-relay';
import { DEFAULT_EVENT_LOG_BYTES } from './node/event-log.js';
import { DEFAULT_INBOX_BOUNDS } from './node/inbox.js';

/**
 * Options of the relay plugin (`relay({ … })`). Every field has an embedded default: a node on
 * 127.0.0.1:7801 with its HTTP API on 7901, no secret, queueing on.
 */
export interface RelayOptions {
  /** Agent name: the card's `name` and every frame's `from`. Default `ACP-Agent`. */
  readonly name?: string;
  /** Peer WebSocket port; 0 picks a free one. Default 7801. */
  readonly port?: number;
  /** HTTP API port; default port + 100 (0 with port 0). */
  readonly httpPort?: number;
  /** Bind address of the peer listener. Default 127.0.0.1 (never 0.0.0.0 unless asked). */
  readonly host?: string;
  /** Bind address of the HTTP API. Default 127.0.0.1. */
  readonly httpHost?: string;
  /** Host written in the node's own link. Default: the peer bind address. */
  readonly advertiseHost?: string;
  /** Fixed token (tests, restarts); default: persisted in the store, else fresh from the CSPRNG. */
  readonly token?: string;
  /** Links to dial at start (`--join`). */
  readonly join?: readonly string[];
  /** Shared HMAC secret (§2.7.1). */
  readonly secret?: string;
  /**
   * Strict mode (§2.7.1 `require_signed_frames`; needs a secret): drop unsigned non-card frames.
   * Off by default: an unsigned frame is accepted and recorded as unverified (`verified: []`),
   * since upstream never signs `/peer/{id}/send` frames or offline-queue replays and strict mode
   * would lose them. Frames whose signature is wrong are dropped either way (§7.8).
   */
  readonly requireSigned?: boolean;
  /**
   * Accepted for compatibility with earlier Troupe versions, where a secret implied strict mode
   * and this flag turned it off: it asks for what is now the default. It contradicts
   * `requireSigned`.
   */
  readonly hmacCompat?: boolean;
  /** Add and require the body-covering `sig_body` (§2.7.2); needs a secret. */
  readonly hmacBody?: boolean;
  /** Ed25519 identity (card signature, frame identity blocks, JWKS, DID document). */
  readonly identity?: Ed25519Identity;
  readonly skills?: readonly SkillInit[];
  readonly limitations?: readonly string[];
  readonly description?: string;
  readonly availability?: Availability;
  /** Keep messages for absent peers (§6.6). Default true. */
  readonly offlineQueue?: boolean;
  /** Frames per offline queue. Default 100. */
  readonly offlineQueueSize?: number;
  /** Self-hosted rendezvous (`ws://127.0.0.1:7700`), used when direct dialling fails (§6.4). */
  readonly rendezvousUrl?: string;
  /** Failed direct attempts before a dialler falls back to the rendezvous. Default 3. */
  readonly rendezvousAfter?: number;
  /** While on the rendezvous, how often the direct link is retried (§6.4). Default 10 s. */
  readonly directProbeMs?: number;
  /** Extra Host header names the API accepts besides loopback names. */
  readonly allowedHosts?: readonly string[];
  /** Origins allowed to call the API (default none: browsers are refused). */
  readonly allowedOrigins?: readonly string[];
  /** Reconnect backoff of dialled peers (§6.1). */
  readonly reconnect?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number; readonly maxAttempts?: number };
  /** HMAC replay window in seconds. Default 300. */
  readonly hmacWindowSeconds?: number;
  /** Events kept in memory for `?since=` replay (durable copy in the store). Default 2,000. */
  readonly eventLogSize?: number;
  /** The same window's bound in bytes of event JSON (and of its journal). Default 32 MiB. */
  readonly eventLogBytes?: number;
  /** Bytes the message deque (`/recv`, `/messages`) may hold beside its 1,000 entries. Default 64 MiB. */
  readonly messageDequeBytes?: number;
  /** Inbound history entries kept (`/history`, in memory and on disk). Default 10,000. */
  readonly historySize?: number;
  /** The history's bound in bytes (in memory and on disk). Default 64 MiB. */
  readonly historyBytes?: number;
  /**
   * Finished tasks (completed, failed, canceled) kept for `GET /tasks`, oldest forgotten first:
   * at most `max` of them (default 1,000) holding at most `bytes` of payload and artifacts
   * (default 32 MiB). Running tasks are never forgotten.
   */
  readonly finishedTasks?: { readonly max?: number; readonly bytes?: number };
  /** The agent this node hosts: inbound user messages reach its `onMessage`. */
  readonly agent?: ActorRef;
  /** Store key prefix, so two nodes may share one store. Default `relay/<name>`. */
  readonly storePrefix?: string;
  /**
   * A stream subscriber (`/stream`, `/ws/stream`) that lets this much pile up unread is cut off
   * with its reason (it can resume with `?since=`), so a stalled reader cannot exhaust memory.
   * Subscribers share each event's encoded bytes, so lagging readers hold references, not
   * copies. Default 4 MiB.
   */
  readonly maxStreamBufferBytes?: number;
  /** SSE keepalive interval. Default 15 s. */
  readonly keepaliveMs?: number;
  /**
   * An API request (head and body) that has not fully arrived this long after its first byte is
   * answered 408 and its connection closed, so a trickling client cannot hold it. Default 300 s
   * (node:http's own default).
   */
  readonly requestTimeoutMs?: number;
  /** WebSocket ping interval on peer sockets. Default 20 s. */
  readonly pingMs?: number;
  /**
   * How long a host-side peer whose socket closed stays listed in `/peers` before its entry is
   * removed (default 60 s). Each accepted connection is a new entry (§1.3), so without this a
   * client that connects and leaves repeatedly grows the registry without bound. At most
   * {@link MAX_CLOSED_INBOUND_PEERS} closed ones are kept at any time. Ids are never reused.
   */
  readonly closedPeerRetentionMs?: number;
}

/** Options with defaults applied. */
export interface RelayConfig {
  readonly name: string;
  readonly port: number;
  readonly httpPort: number;
  readonly host: string;
  readonly httpHost: string;
  readonly advertiseHost: string | undefined;
  readonly token: string | undefined;
  readonly join: readonly string[];
  readonly secret: string | undefined;
  readonly requireSigned: boolean;
  readonly hmacBody: boolean;
  readonly identity: Ed25519Identity | undefined;
  readonly skills: readonly SkillInit[];
  readonly limitations: readonly string[];
  readonly description: string | undefined;
  /** The card's `version`; the plugin's version when unset (§5.1). */
  readonly version: string | undefined;
  readonly offlineQueue: boolean;
  readonly offlineQueueSize: number;
  readonly rendezvousUrl: string | undefined;
  readonly rendezvousAfter: number;
  readonly directProbeMs: number;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly hmacWindowSeconds: number;
  readonly eventLogSize: number;
  readonly eventLogBytes: number;
  readonly finishedTasks: { readonly max: number; readonly bytes: number };
  readonly messageDequeBytes: number;
  readonly historySize: number;
  readonly historyBytes: number;
  readonly agent: ActorRef | undefined;
  readonly storePrefix: string;
  readonly keepaliveMs: number;
  readonly requestTimeoutMs: number;
  readonly maxStreamBufferBytes: number;
  readonly pingMs: number;
  readonly closedPeerRetentionMs: number;
  availability: Availability | undefined;
  /** Extensions registered through `POST /extensions/register`, listed after the built-ins (§5.1). */
  extensions: readonly CardExtension[];
}

/** Closed host-side peers kept in the registry at most (the oldest goes first). */
export const MAX_CLOSED_INBOUND_PEERS = 32;

/**
 * Applies the defaults of {@link RelayOptions}.
 *
 * @example
 * resolveConfig({ name: 'AgentA' }).httpPort; // 7901
 */
export function resolveConfig(options: RelayOptions): RelayConfig {
  const name = options.name ?? 'ACP-Agent';
  const port = options.port ?? DEFAULT_PEER_PORT;
  if (options.hmacBody === true && options.secret === undefined) throw new TroupeError('INVALID_OPTIONS', 'hmacBody needs a secret');
  if (options.requireSigned === true && options.secret === undefined) throw new TroupeError('INVALID_OPTIONS', 'requireSigned needs a secret');
  if (options.requireSigned === true && options.hmacCompat === true) throw new TroupeError('INVALID_OPTIONS', 'requireSigned and hmacCompat contradict each other');
  return {
    name,
    port,
    httpPort: options.httpPort ?? (port === 0 ? 0 : port + HTTP_PORT_OFFSET),
    host: options.host ?? '127.0.0.1',
    httpHost: options.httpHost ?? '127.0.0.1',
    advertiseHost: options.advertiseHost,
    token: options.token,
    join: options.join ?? [],
    secret: options.secret,
    requireSigned: options.requireSigned === true,
    hmacBody: options.hmacBody === true,
    identity: options.identity,
    skills: options.skills ?? [],
    limitations: options.limitations ?? [],
    description: options.description,
    version: undefined,
    offlineQueue: options.offlineQueue ?? true,
    offlineQueueSize: options.offlineQueueSize ?? OFFLINE_QUEUE_PER_PEER,
    rendezvousUrl: options.rendezvousUrl,
    rendezvousAfter: options.rendezvousAfter ?? 3,
    directProbeMs: options.directProbeMs ?? 10_000,
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    baseDelayMs: options.reconnect?.baseDelayMs ?? 500,
    maxDelayMs: options.reconnect?.maxDelayMs ?? 30_000,
    maxAttempts: options.reconnect?.maxAttempts ?? Infinity,
    hmacWindowSeconds: options.hmacWindowSeconds ?? HMAC_WINDOW_SECONDS,
    eventLogSize: options.eventLogSize ?? 2_000,
    eventLogBytes: options.eventLogBytes ?? DEFAULT_EVENT_LOG_BYTES,
    finishedTasks: { max: options.finishedTasks?.max ?? 1_000, bytes: options.finishedTasks?.bytes ?? 32 * 1024 * 1024 },
    messageDequeBytes: options.messageDequeBytes ?? DEFAULT_INBOX_BOUNDS.dequeBytes,
    historySize: options.historySize ?? DEFAULT_INBOX_BOUNDS.historySize,
    historyBytes: options.historyBytes ?? DEFAULT_INBOX_BOUNDS.historyBytes,
    agent: options.agent,
    storePrefix: options.storePrefix ?? `relay/${name}`,
    keepaliveMs: options.keepaliveMs ?? 15_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 300_000,
    maxStreamBufferBytes: options.maxStreamBufferBytes ?? 4 * 1024 * 1024,
    pingMs: options.pingMs ?? 20_000,
    closedPeerRetentionMs: options.closedPeerRetentionMs ?? 60_000,
    availability: options.availability,
    extensions: [],
  };
}
