/**
 * @troupe/plugin-relay — a wire-compatible ACP relay node (acp_relay.py v2.19.0) for Troupe:
 * peer WebSocket, local HTTP/SSE API, tasks as actors, signing, durable offline queue and event
 * history, and the self-hosted rendezvous used as a fallback.
 */
export { relay, RelayPlugin } from './relay-plugin.js';
export { resolveConfig, type RelayConfig, type RelayOptions } from './options.js';
export type { RelayConnectOptions, RelayLink } from './relay-connect-options.js';
export { RelayNode } from './node/relay-node.js';
export { RemoteAgentRef } from './agent/remote-agent-ref.js';
export { fromWirePart, toWirePart, toWireParts, toTroupeMessage } from './agent/part-mapping.js';
export { RendezvousServer, type RendezvousOptions } from './rendezvous/rendezvous-server.js';
export { rendezvousId } from '@troupe/protocol-relay';
export { sseBlock, type LoggedEvent } from './node/event-log.js';
export { PLUGIN_VERSION } from './node/card.js';
export { loadOrCreateIdentity } from './identity-file.js';
