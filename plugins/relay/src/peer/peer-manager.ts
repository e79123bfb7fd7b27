import type { WsTransport } from '@troupe/transport-ws';
import { repeatEvery, unrefTimer, type PluginHost, type RepeatingTimer, type TimerHandle, type Transport } from '@troupe/runtime';
import type { PeerLinkEvent } from '@troupe/actors';
import {
  formatPeerId, formatTimestamp, linkWebSocketUrl, newSessionId, parseLink, rendezvousId, type Link,
} from '@troupe/protocol-relay';
import { MAX_CLOSED_INBOUND_PEERS, type RelayConfig } from '../options.js';
import { PeerEntry } from './peer-entry.js';
import { dialSocket, type DialAttempt } from './dial-socket.js';
import { spawnPeerLink, type PeerLinkActor } from './peer-link-actor.js';
import { PeerSocket, type TransportLevel } from './peer-socket.js';

/** What the node does when peers come and go and frames arrive. */
export interface PeerHooks {
  /** Text of this node's card frame, built now (§2.4.1). */
  cardFrameText(): string;
  frame(peer: PeerEntry, text: string): void;
  connected(peer: PeerEntry, reconnected: boolean): void;
  disconnected(peer: PeerEntry): void;
  relayFallback(peer: PeerEntry): void;
}


/**
 * The peer registry and every peer's peer-link actor (`peerLinkMachine`). Dialled peers reconnect
 * with capped exponential backoff for as long as their entry exists (§6.1), falling back to the
 * rendezvous after `rendezvousAfter` failed direct attempts (§6.4); host-side peers get a link
 * actor that closes with the socket.
 *
 * @example
 * const peers = new PeerManager(host, config, hooks);
 * const { peer } = peers.dial('acp://127.0.0.1:7801/tok_…', link, undefined);
 */
export class PeerManager {
  readonly peers = new Map<string, PeerEntry>();
  private readonly byLink = new Map<string, PeerEntry>();
  private counter = 0;
  private stopped = false;
  /** Dialled sockets not yet established, so stop() can abort them. */
  private readonly pending = new Set<DialAttempt>();
  private readonly probes = new Map<string, RepeatingTimer>();
  private readonly links = new Map<string, PeerLinkActor>();
  /** Host-side peers whose socket closed, oldest first, with the timer that removes each. */
  private readonly closedInbound = new Map<string, TimerHandle>();

  constructor(
    private readonly host: PluginHost,
    private readonly config: RelayConfig,
    private readonly hooks: PeerHooks,
    private readonly ownToken: () => string,
  ) {}

  /** Peers with an established socket. */
  connectedPeers(): PeerEntry[] {
    const out: PeerEntry[] = [];
    for (const p of this.peers.values()) if (p.connected) out.push(p);
    return out;
  }

  get(id: string): PeerEntry | undefined {
    return this.peers.get(id);
  }

  byLinkText(linkText: string): PeerEntry | undefined {
    return this.byLink.get(linkText);
  }

  /** Continues peer numbering after a restart (ids are never reused, §1.3). */
  restoreCounter(n: number): void {
    this.counter = Math.max(this.counter, n);
  }

  get lastCounter(): number {
    return this.counter;
  }

  private newEntry(link: string | null, token: string | null, name: string | undefined, id?: string): PeerEntry {
    if (id === undefined) {
      this.counter += 1;
      id = formatPeerId(this.counter);
    }
    const peer = new PeerEntry(id, name ?? id, link, token);
    this.peers.set(id, peer);
    return peer;
  }

  private sendLink(peer: PeerEntry, event: PeerLinkEvent): void {
    this.links.get(peer.id)?.send(event);
  }

  private spawnLink(peer: PeerEntry, maxAttempts: number): void {
    const link = spawnPeerLink(this.host, {
      peerId: peer.id,
      maxAttempts,
      baseDelayMs: this.config.baseDelayMs,
      maxDelayMs: this.config.maxDelayMs,
      onState: (state) => {
        if (state === 'connecting' && !this.stopped) this.attempt(peer);
      },
    });
    this.links.set(peer.id, link);
    peer.ref = link.ref;
  }

  // ---- host side ----------------------------------------------------------------------------

  /** Registers a connection that presented the right token (or was paired by the rendezvous). */
  accept(transport: Transport<string>, level: TransportLevel): PeerEntry {
    const peer = this.newEntry(null, this.ownToken(), undefined);
    this.spawnLink(peer, 0);
    this.sendLink(peer, { type: 'CONNECT' });
    this.sendLink(peer, { type: 'CONNECTED' });
    const socket = new PeerSocket(transport, level, this.config.pingMs, this.host.clock);
    socket.send(this.hooks.cardFrameText());
    this.attach(peer, socket);
    this.markConnected(peer);
    return peer;
  }

  // ---- dialler side -------------------------------------------------------------------------

  /** Registers a link to dial (or returns the known entry) and starts dialling in the background. */
  dial(linkText: string, link: Link, name: string | undefined, id?: string): { peer: PeerEntry; already: boolean } {
    const known = this.byLink.get(linkText);
    if (known) return { peer: known, already: true };
    const peer = this.newEntry(linkText, link.token, name, id);
    this.byLink.set(linkText, peer);
    this.spawnLink(peer, this.config.maxAttempts);
    this.sendLink(peer, { type: 'CONNECT' });
    return { peer, already: false };
  }

  /** One connection attempt, direct or (after repeated failures, alternating) through the rendezvous. */
  private attempt(peer: PeerEntry): void {
    if (peer.link === null || peer.token === null || peer.closedForGood) return;
    const parsed = parseLink(peer.link);
    if (!parsed.ok) return;
    const rv = this.config.rendezvousUrl;
    const viaRendezvous = rv !== undefined && peer.failures >= this.config.rendezvousAfter && (peer.failures - this.config.rendezvousAfter) % 2 === 0;
    if (viaRendezvous && !peer.fallbackAnnounced) {
      peer.fallbackAnnounced = true;
      this.hooks.relayFallback(peer);
    }
    const url = viaRendezvous ? `${rv.replace(/\/+$/, '')}/rv/${rendezvousId(peer.token)}?side=guest` : linkWebSocketUrl(parsed.value);
    const attempt = dialSocket(url, viaRendezvous, {
      ready: (transport) => {
        this.pending.delete(attempt);
        this.established(peer, transport, viaRendezvous ? 'relay' : 'direct');
      },
      failed: (error) => {
        this.pending.delete(attempt);
        peer.failures += 1;
        this.sendLink(peer, { type: 'CONNECT_FAILED', error });
      },
    });
    this.pending.add(attempt);
  }

  /** A dialled socket is open: send our card first, then wait for the host's first frame. */
  private established(peer: PeerEntry, transport: WsTransport, level: TransportLevel): void {
    if (this.stopped || peer.closedForGood) {
      void transport.close(1000);
      return;
    }
    this.sendLink(peer, { type: 'CONNECTED' });
    const socket = new PeerSocket(transport, level, this.config.pingMs, this.host.clock);
    socket.send(this.hooks.cardFrameText());
    this.attach(peer, socket);
    // Hosts send their card at once (§2.2); one that stays silent is still a working peer.
    unrefTimer(this.host.clock.setTimeout(() => {
      if (peer.socket === socket && !peer.handshaken && socket.open) this.handshake(peer, socket);
    }, SILENT_HOST_MS));
  }

  /** The other side has spoken (or a silent host waited out): the link is up. */
  private handshake(peer: PeerEntry, socket: PeerSocket): void {
    peer.handshaken = true;
    this.sendLink(peer, { type: 'HANDSHAKE_OK' });
    if (peer.link !== null) {
      peer.failures = 0;
      if (socket.level === 'direct') peer.fallbackAnnounced = false;
      this.markConnected(peer);
    }
  }

  /** Wires a socket's frames and close to the peer. */
  private attach(peer: PeerEntry, socket: PeerSocket): void {
    const previous = peer.socket;
    peer.socket = socket;
    peer.handshaken = false;
    peer.hmacVerified = false; // proven per connection: whoever answers the link next proves it again
    if (previous && previous !== socket) previous.close(1000, 'replaced');
    const onFrame = (text: string): void => {
      if (peer.socket !== socket) return;
      if (!peer.handshaken) {
        if (peer.link !== null && isInvalidTokenFrame(text)) {
          peer.handshaken = true;
          peer.lastError = 'invalid_token';
          peer.closedForGood = true;
          this.sendLink(peer, { type: 'CLOSE', error: 'invalid_token' });
          return;
        }
        this.handshake(peer, socket);
      }
      try {
        this.hooks.frame(peer, text);
      } catch (error) {
        // A bug in handling one frame must not take the connection (or the process) down.
        this.host.log('error', 'relay frame handling failed', { peer: peer.id, error: String(error) });
      }
    };
    const onClose = (code: number): void => {
      if (peer.socket !== socket) return;
      peer.socket = null;
      const wasConnected = peer.connected;
      if (wasConnected) this.markDisconnected(peer);
      if (peer.link === null || peer.closedForGood || this.stopped) {
        this.sendLink(peer, { type: 'CLOSE', error: peer.lastError ?? `close ${code}` });
        if (peer.link === null && !this.stopped) this.retire(peer);
      } else if (!wasConnected) {
        peer.failures += 1;
        this.sendLink(peer, { type: 'LINK_DOWN', error: `close ${code}` });
      } else {
        this.sendLink(peer, { type: 'LINK_DOWN', error: `close ${code}` });
      }
    };
    socket.listen(onFrame, onClose);
  }

  /**
   * While a dialled peer rides the rendezvous, keep trying its direct link (§6.4). When the host
   * answers on the direct socket, the peer moves there and the relay socket is closed 1000.
   */
  private scheduleDirectProbe(peer: PeerEntry): void {
    if (peer.link === null || peer.token === null || this.probes.has(peer.id)) return;
    const timer = repeatEvery(this.host.clock, this.config.directProbeMs, () => {
      if (this.stopped || peer.closedForGood || !peer.connected || peer.transportLevel !== 'relay') {
        timer.stop();
        this.probes.delete(peer.id);
        return;
      }
      this.probeDirect(peer);
    }, { unref: true });
    this.probes.set(peer.id, timer);
  }

  private probeDirect(peer: PeerEntry): void {
    const parsed = parseLink(peer.link ?? '');
    if (!parsed.ok) return;
    const attempt = dialSocket(linkWebSocketUrl(parsed.value), false, {
      failed: () => this.pending.delete(attempt),
      ready: (transport) => {
        this.pending.delete(attempt);
        const socket = new PeerSocket(transport, 'direct', this.config.pingMs, this.host.clock);
        socket.send(this.hooks.cardFrameText());
        let first = true;
        socket.listen((text) => {
          if (!first) return;
          first = false;
          if (isInvalidTokenFrame(text) || !peer.connected || this.stopped) {
            socket.close(1000);
            return;
          }
          this.attach(peer, socket);
          peer.handshaken = true;
          this.hooks.frame(peer, text);
        }, () => undefined);
      },
    });
    this.pending.add(attempt);
  }

  private markConnected(peer: PeerEntry): void {
    const reconnected = peer.everConnected;
    if (reconnected) peer.reconnectCount += 1;
    peer.everConnected = true;
    peer.connected = true;
    peer.lastError = peer.lastError === 'invalid_token' ? peer.lastError : null;
    peer.connectedAt = formatTimestamp(this.host.clock.now());
    peer.disconnectedAt = null;
    peer.sessionId = newSessionId();
    this.hooks.connected(peer, reconnected);
    if (peer.transportLevel === 'relay') this.scheduleDirectProbe(peer);
  }

  private markDisconnected(peer: PeerEntry): void {
    peer.connected = false;
    peer.disconnectedAt = formatTimestamp(this.host.clock.now());
    this.hooks.disconnected(peer);
  }

  /**
   * A host-side peer's socket closed: that entry never connects again (a returning client gets a
   * new one), so it is listed a while for `/peers` readers and then removed, the oldest at once
   * when too many closed ones pile up.
   */
  private retire(peer: PeerEntry): void {
    const timer = this.host.clock.setTimeout(() => this.forget(peer.id), this.config.closedPeerRetentionMs);
    this.closedInbound.set(peer.id, timer);
    if (this.closedInbound.size > MAX_CLOSED_INBOUND_PEERS) {
      const oldest = this.closedInbound.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
  }

  private forget(id: string): void {
    const timer = this.closedInbound.get(id);
    if (timer !== undefined) this.host.clock.clearTimeout(timer);
    this.closedInbound.delete(id);
    this.peers.delete(id);
    this.links.delete(id);
  }

  /**
   * Gives up on a dialled peer: no more dials (its link actor closes with `error`), its socket (if
   * any) closed, and the entry forgotten, so dialling the same link later starts afresh.
   */
  hangUp(peer: PeerEntry, error: string): void {
    peer.closedForGood = true;
    peer.lastError = error;
    this.sendLink(peer, { type: 'CLOSE', error });
    peer.socket?.close(1000, 'hung up');
    if (peer.link !== null && this.byLink.get(peer.link) === peer) this.byLink.delete(peer.link);
    this.peers.delete(peer.id);
    this.links.delete(peer.id);
  }

  /** Closes every socket and stops reconnecting. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.closedInbound.values()) this.host.clock.clearTimeout(timer);
    this.closedInbound.clear();
    for (const t of this.probes.values()) t.stop();
    for (const attempt of this.pending) attempt.cancel();
    for (const peer of this.peers.values()) {
      peer.closedForGood = true;
      peer.socket?.close(1001, 'node stopping');
    }
  }
}


/** How long a dialler waits for a host's first frame before treating the link as up anyway. */
const SILENT_HOST_MS = 2_000;

function isInvalidTokenFrame(text: string): boolean {
  if (!text.includes('invalid_token')) return false;
  try {
    const v = JSON.parse(text) as { type?: unknown; code?: unknown };
    return v.type === 'error' && v.code === 'invalid_token';
  } catch {
    return false;
  }
}
