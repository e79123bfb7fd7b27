import type { ActorRef, PluginHost } from '@troupe/runtime';
import { peerLinkMachine, type PeerLinkEvent } from '@troupe/actors';

/** A peer's link actor and the way to feed its machine. */
export interface PeerLinkActor {
  readonly ref: ActorRef;
  /** Sends a machine event; ignored once the link is closed or the actor stopped. */
  send(event: PeerLinkEvent): void;
}

/** What a peer-link actor needs. */
export interface PeerLinkSpec {
  readonly peerId: string;
  /** 0 for host-side peers (never redialled), else retries per outage. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Called on every state change (the dialler redials on `connecting`). */
  readonly onState: (state: string) => void;
}

let serial = 0;

/**
 * Spawns the actor of one peer connection: its lifecycle is `peerLinkMachine`, so reconnection
 * backoff runs on the actor clock (§6.1: attempt counter reset after 10 s of stable link). Socket
 * events reach the machine through `system.lifecycleOf(ref)`: a `tell` would reach the actor's
 * `receive`, not its machine. A closed link stops its actor; the registry entry stays.
 *
 * @example
 * const link = spawnPeerLink(host, { peerId: 'peer_001', maxAttempts: Infinity, baseDelayMs: 500, maxDelayMs: 30_000, onState });
 * link.send({ type: 'CONNECT' });
 */
export function spawnPeerLink(host: PluginHost, spec: PeerLinkSpec): PeerLinkActor {
  serial += 1;
  const ref = host.spawn(
    {
      receive: () => undefined,
      lifecycle: peerLinkMachine,
      lifecycleInput: { peerId: spec.peerId, maxAttempts: spec.maxAttempts, baseDelayMs: spec.baseDelayMs, maxDelayMs: spec.maxDelayMs, stableAfterMs: 10_000 },
    },
    { name: `${spec.peerId}-${serial}` },
  );
  ref.events$.subscribe((e) => {
    if (e.type !== 'state') return;
    host.emit({ type: '@troupe.link', address: ref.address, peer: spec.peerId, state: e.value });
    spec.onState(e.value);
    if (e.value === 'closed') setImmediate(() => void host.system.stop(ref));
  });
  // The runtime's handle ignores events once the actor is gone or its machine is done.
  const lifecycle = host.system.lifecycleOf(ref);
  return {
    ref,
    send(event) {
      lifecycle?.send(event);
    },
  };
}
