import {
  buildAgentCard, buildAgentCardFrame, signAgentCard, type AgentCard, type JsonObject,
} from '@troupe/protocol-relay';
import type { RelayConfig } from '../options.js';

/**
 * Version this plugin reports in its card (`version`; `acp_version` is the protocol level).
 *
 * @example
 * card.version === PLUGIN_VERSION; // true
 */
export const PLUGIN_VERSION = '0.1.0';

/**
 * The node's AgentCard, built now (§5): rebuilt per request and per connection, so `timestamp`
 * and `card_sig` are fresh; it never holds the token or the link (§5.6).
 *
 * @example
 * nodeCard(config, 7901, true).name; // 'AgentA'
 */
export function nodeCard(config: RelayConfig, httpPort: number, webhooks: boolean): AgentCard {
  const card = buildAgentCard({
    name: config.name,
    version: config.version ?? PLUGIN_VERSION,
    httpPort,
    description: config.description ?? `Troupe ACP relay node: ${config.name}`,
    skills: config.skills,
    limitations: config.limitations,
    hmac: config.secret !== undefined,
    hmacBody: config.hmacBody,
    ...(config.identity === undefined ? {} : { identity: config.identity }),
    rendezvous: config.rendezvousUrl !== undefined,
    pushNotifications: webhooks,
    wsStream: true,
    jwks: true,
    offlineQueue: config.offlineQueue,
    acks: true,
    ...(config.availability === undefined ? {} : { availability: config.availability }),
    extensions: config.extensions,
  });
  return config.identity === undefined ? card : signAgentCard(card as unknown as JsonObject, config.identity) as unknown as AgentCard;
}

/**
 * The `acp.agent_card` frame this node sends first on every connection (§2.2), before signing.
 *
 * @example
 * socket.send(node.encode(cardFrame(config, 7901)).text);
 */
export function cardFrame(config: RelayConfig, httpPort: number): JsonObject {
  return buildAgentCardFrame({ card: nodeCard(config, httpPort, true) as unknown as JsonObject, from: config.name }) as unknown as JsonObject;
}

