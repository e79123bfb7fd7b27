import type { ActorRef } from '@troupe/runtime';
import type { JsonObject } from '@troupe/protocol-relay';
import type { InflightFrame } from '../node/inflight-frame.js';
import type { PeerSocket, TransportLevel } from './peer-socket.js';

/**
 * One peer registry entry (§3.5.2). Host-side peers get a new entry per accepted connection;
 * dialled peers keep theirs across reconnections (§1.3).
 */
export class PeerEntry {
  connected = false;
  connectedAt: string | null = null;
  disconnectedAt: string | null = null;
  messagesSent = 0;
  messagesReceived = 0;
  agentCard: JsonObject | null = null;
  /** Card verification result (§2.7.5), informational. */
  cardVerification: JsonObject | null = null;
  lastError: string | null = null;
  sessionId: string | null = null;
  socket: PeerSocket | null = null;
  reconnectCount = 0;
  /** Consecutive failed direct attempts (rendezvous fallback threshold). */
  failures = 0;
  /** `relay_fallback` was emitted for the current outage. */
  fallbackAnnounced = false;
  /** The peer's card advertised `sig_body` (§2.7.2). */
  usesBodySignature = false;
  /** A frame from this peer carried a valid HMAC: it holds the secret, and unsigned cards may not change it. */
  hmacVerified = false;
  /** `identity.public_key` of the connection's card (§2.7.3 pinning). */
  pinnedKey: string | undefined = undefined;
  /** The peer-link actor of this peer. */
  ref: ActorRef | undefined = undefined;
  /** Set once the first frame from the other side arrived on the current socket. */
  handshaken = false;
  /** Deliberately closed: no reconnection. */
  closedForGood = false;
  everConnected = false;
  /** Whether the peer's card on this connection offered acknowledgements (`urn:troupe:acp:ack:v1`). */
  ackMode: 'unknown' | 'acks' | 'none' = 'unknown';
  /** Frames written to this peer and not yet acknowledged, by `message_id`, oldest first. */
  readonly inflight = new Map<string, InflightFrame>();

  constructor(
    readonly id: string,
    public name: string,
    /** The dialled link; null on the host side. */
    readonly link: string | null,
    readonly token: string | null,
  ) {}

  get direction(): 'inbound' | 'outbound' {
    return this.link === null ? 'inbound' : 'outbound';
  }

  get wsReady(): boolean {
    return this.connected && this.socket !== null && this.socket.open;
  }

  get transportLevel(): TransportLevel {
    return this.socket?.level ?? 'direct';
  }

  get agentName(): string | null {
    const n = this.agentCard?.['name'];
    return typeof n === 'string' ? n : null;
  }

  /** The `GET /peers` shape. */
  view(): JsonObject {
    return {
      id: this.id,
      name: this.name,
      link: this.link,
      connected: this.connected,
      ws_ready: this.wsReady,
      connected_at: this.connectedAt,
      disconnected_at: this.disconnectedAt,
      messages_sent: this.messagesSent,
      messages_received: this.messagesReceived,
      agent_card: this.agentCard,
      transport_level: this.transportLevel,
      last_error: this.lastError,
      agent_name: this.agentName,
      direction: this.direction,
      reconnect_count: this.reconnectCount,
    };
  }

  /** The `GET /peers/{id}` shape: explicit, JSON-safe fields only (§7.2). */
  detail(): JsonObject {
    return {
      ...this.view(),
      link_token: this.token,
      remote_address: this.socket?.remoteAddress ?? null,
      session_id: this.sessionId,
    };
  }
}
