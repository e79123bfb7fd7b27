import type { JsonObject, JsonValue } from '../core/json.js';
import type { CardIdentity } from '../signing/card-signature.js';

/**
 * The AgentCard (§5): served as `self` by `GET /.well-known/acp.json` and sent as `card` in
 * `acp.agent_card`. Every object here allows extra members, which are kept.
 */

/** A skill (§5.1); a skill given as a bare string becomes `{id, name: id}` with empty fields. */
export interface Skill {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples: string[];
  input_modes: string[];
  output_modes: string[];
  [extra: string]: JsonValue;
}

/** An entry of `extensions` (§5.1). */
export interface CardExtension {
  uri: string;
  required: boolean;
  params?: JsonObject;
  [extra: string]: JsonValue;
}

/** One entry of `trust.signals` (§5.4). `details` is `{}` when the signal is disabled. */
export interface TrustSignal {
  type: string;
  enabled: boolean;
  description: string;
  details: JsonObject;
  [extra: string]: JsonValue;
}

/** The `trust` block (§5.4). */
export interface CardTrust {
  scheme: 'none' | 'hmac-sha256';
  enabled: boolean;
  signals: TrustSignal[];
  [extra: string]: JsonValue;
}

/** The optional `availability` block (§3.7.2, §5.1). */
export interface Availability {
  mode?: 'persistent' | 'heartbeat' | 'cron' | 'manual';
  interval_seconds?: number;
  next_active_at?: string | null;
  last_active_at?: string | null;
  task_latency_max_seconds?: number;
  schedule?: string | null;
  timezone?: string | null;
  [extra: string]: JsonValue;
}

/** The card itself (§5.1). */
export interface AgentCard {
  name: string;
  version: string;
  acp_version: string;
  description: string;
  http_port: number;
  /** Build time of the card, wire format (§1.4). */
  timestamp: string;
  transport_modes: string[];
  supported_interfaces: string[];
  limitations: string[];
  skills: Skill[];
  /** §5.2; see `CAPABILITY_KEYS`. */
  capabilities: JsonObject;
  identity: CardIdentity | null;
  trust: CardTrust;
  auth: { schemes: string[]; [extra: string]: JsonValue };
  endpoints: Record<string, string>;
  extensions: CardExtension[];
  availability?: Availability;
  [extra: string]: JsonValue;
}

/** Keys every Troupe card has (§5.1); `availability` only when configured. */
export const AGENT_CARD_KEYS = [
  'name', 'version', 'acp_version', 'description', 'http_port', 'timestamp', 'transport_modes', 'supported_interfaces',
  'limitations', 'skills', 'capabilities', 'identity', 'trust', 'auth', 'endpoints', 'extensions',
] as const;

/** Keys of `capabilities` (§5.2), in upstream's order, plus Troupe's `hmac_body_signing`. */
export const CAPABILITY_KEYS = [
  'streaming', 'push_notifications', 'input_required', 'part_types', 'max_msg_bytes', 'query_skill', 'server_seq',
  'multi_session', 'hmac_signing', 'lan_discovery', 'context_id', 'error_codes', 'identity', 'did_identity',
  'availability', 'extensions', 'http2', 'card_sig', 'auto_card_verify', 'offline_queue', 'lan_port_scan',
  'supported_transports', 'sse_seq', 'task_cancelling', 'ws_stream', 'event_replay', 'trust_signals',
  'context_query', 'delegation_chain', 'availability_schedule', 'trust_jwks', 'hmac_body_signing',
] as const;

/** The 23 route names of `endpoints` (§5.5) and the paths Troupe serves them at. */
export const DEFAULT_ENDPOINTS: Readonly<Record<string, string>> = {
  send: '/message:send',
  stream: '/stream',
  tasks: '/tasks',
  agent_card: '/.well-known/acp.json',
  did_document: '/.well-known/did.json',
  skills_query: '/skills/query',
  skills: '/skills',
  peers: '/peers',
  peer_send: '/peer/{id}/send',
  peers_connect: '/peers/connect',
  discover: '/discover',
  extensions: '/extensions',
  verify_card: '/verify/card',
  peer_verify: '/peer/verify',
  offline_queue: '/offline-queue',
  peers_discover: '/peers/discover',
  ws_stream: '/ws/stream',
  delegate: '/identity/delegate',
  delegation: '/identity/delegation',
  delegation_verify: '/identity/delegation/verify',
  availability: '/availability',
  heartbeat: '/availability/heartbeat',
  jwks: '/.well-known/jwks.json',
};

/** Extension URI of upstream's HMAC scheme (§2.7.1). */
export const HMAC_EXTENSION_URI = 'acp:ext:hmac-v1';
