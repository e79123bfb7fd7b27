import type { JsonObject } from '../core/json.js';
import { ACP_VERSION, MAX_MSG_BYTES } from '../core/limits.js';
import { PART_TYPES } from '../core/part.js';
import { formatTimestamp } from '../core/timestamp.js';
import { cardIdentityBlock } from '../signing/card-signature.js';
import type { Ed25519Identity } from '../signing/ed25519-identity.js';
import { ACK_EXTENSION_URI } from '../frames/ack-frame.js';
import { HMAC_BODY_EXTENSION_URI } from '../signing/hmac-body.js';
import { DEFAULT_ENDPOINTS, HMAC_EXTENSION_URI, type AgentCard, type Availability, type CardExtension } from './agent-card.js';
import { normalizeSkill, type SkillInit } from './skill.js';
import { trustSignals } from './trust-signals.js';

/**
 * What the node actually does. Capability flags must be truthful (§5.6), so every optional
 * feature defaults to off; the plugin turns on what it serves.
 */
export interface AgentCardOptions {
  readonly name: string;
  /** Troupe plugin version (not the protocol level). */
  readonly version: string;
  readonly httpPort: number;
  /** Build time; defaults to now. The HTTP card is rebuilt per request (§3.7.1). */
  readonly timestamp?: string;
  readonly description?: string;
  readonly skills?: readonly SkillInit[];
  readonly limitations?: readonly string[];
  /** An HMAC secret is configured (§2.7.1). */
  readonly hmac?: boolean;
  /** `sig_body` is produced (§2.7.2); needs `hmac`. */
  readonly hmacBody?: boolean;
  /** Adds the `identity` block (unsigned; sign with `signAgentCard` last). */
  readonly identity?: Ed25519Identity;
  /** A rendezvous relay is configured: `transport_modes` gains `"relay"` (§6.4). */
  readonly rendezvous?: boolean;
  /** Webhook delivery of §4.10 is implemented and served. */
  readonly pushNotifications?: boolean;
  /** `GET /ws/stream` is served. */
  readonly wsStream?: boolean;
  /** `GET /.well-known/jwks.json` is served. */
  readonly jwks?: boolean;
  /** Offline queueing is enabled (§6.6). */
  readonly offlineQueue?: boolean;
  /** Acknowledges received frames to peers that advertise it too (`urn:troupe:acp:ack:v1`). */
  readonly acks?: boolean;
  readonly availability?: Availability;
  /** Extensions registered by the user, listed after the built-in ones. */
  readonly extensions?: readonly CardExtension[];
  /** Route paths, when the node serves some elsewhere; merged over {@link DEFAULT_ENDPOINTS}. */
  readonly endpoints?: Readonly<Record<string, string>>;
}

/**
 * Builds a complete card with every key of §5.1 and every capability of §5.2. It holds no link
 * and no token (§5.6).
 *
 * @example
 * const card = buildAgentCard({ name: 'summarizer', version: '0.1.0', httpPort: 7901, skills: ['summarize'] });
 */
export function buildAgentCard(options: AgentCardOptions): AgentCard {
  const hmac = options.hmac === true;
  const hmacBody = options.hmacBody === true;
  if (hmacBody && !hmac) throw new TypeError('hmacBody needs hmac');
  const identity = options.identity !== undefined;
  const userExtensions = options.extensions ?? [];
  const extensions: CardExtension[] = [];
  if (hmac) extensions.push({ uri: HMAC_EXTENSION_URI, required: false, params: { scheme: 'hmac-sha256' } });
  if (hmacBody) extensions.push({ uri: HMAC_BODY_EXTENSION_URI, required: false, params: { scheme: 'hmac-sha256', field: 'sig_body' } });
  if (options.acks === true) extensions.push({ uri: ACK_EXTENSION_URI, required: false, params: { frame: 'troupe.ack' } });
  extensions.push(...userExtensions.map((e) => ({ ...e })));

  const capabilities: JsonObject = {
    streaming: true,
    push_notifications: options.pushNotifications === true,
    input_required: true,
    part_types: [...PART_TYPES],
    max_msg_bytes: MAX_MSG_BYTES,
    query_skill: true,
    server_seq: true,
    multi_session: true,
    hmac_signing: hmac,
    lan_discovery: false,
    context_id: true,
    error_codes: true,
    identity: identity ? 'ed25519' : 'none',
    did_identity: identity,
    availability: options.availability !== undefined,
    extensions: userExtensions.length > 0,
    http2: false,
    card_sig: identity,
    auto_card_verify: true,
    offline_queue: options.offlineQueue === true,
    lan_port_scan: false,
    supported_transports: ['http', 'ws'],
    sse_seq: true,
    task_cancelling: true,
    ws_stream: options.wsStream === true,
    event_replay: true,
    trust_signals: true,
    context_query: true,
    delegation_chain: false,
    availability_schedule: typeof options.availability?.schedule === 'string',
    trust_jwks: options.jwks === true,
    hmac_body_signing: hmacBody,
  };

  const card: AgentCard = {
    name: options.name,
    version: options.version,
    acp_version: ACP_VERSION,
    description: options.description ?? `ACP relay agent ${options.name}`,
    http_port: options.httpPort,
    timestamp: options.timestamp ?? formatTimestamp(Date.now()),
    transport_modes: options.rendezvous === true ? ['p2p', 'relay'] : ['p2p'],
    supported_interfaces: identity ? ['core', 'identity', 'p2p', 'stream', 'task'] : ['core', 'p2p', 'stream', 'task'],
    limitations: [...(options.limitations ?? [])],
    skills: (options.skills ?? []).map(normalizeSkill),
    capabilities,
    identity: options.identity === undefined ? null : cardIdentityBlock(options.identity),
    trust: { scheme: hmac ? 'hmac-sha256' : 'none', enabled: hmac, signals: trustSignals({ hmac, hmacBody, identity, jwks: options.jwks === true }) },
    auth: { schemes: ['none'] },
    endpoints: { ...DEFAULT_ENDPOINTS, ...options.endpoints },
    extensions,
  };
  if (options.availability !== undefined) card.availability = { ...options.availability };
  return card;
}
