import {
  ACP_VERSION, BUILT_IN_EXTENSION_URIS, buildDidDocument, buildJwks, checkCardSignature, isJsonObject, decodeCardPatchBody,
  decodeExtensionRegisterBody, decodeExtensionUnregisterBody, decodeSkillsQueryBody, decodeWebhookBody,
  httpError, mergeAvailability, normalizeSkill, notFoundError, invalidRequest, UNSIGNED_CARD_ERROR,
  type JsonObject, type JsonValue, type Skill,
} from '@troupe/protocol-relay';
import { nodeCard } from '../node/card.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

const cardOf = (r: ApiRequest): JsonObject => nodeCard(r.node.config, r.node.httpPort, true) as unknown as JsonObject;

/** `GET /.well-known/acp.json` and `GET /card` (§3.7.1): the card wrapped with the peer's. */
export function wellKnownCard(r: ApiRequest): ApiReply {
  return json(200, { self: cardOf(r), peer: r.node.lastPeerCard });
}

/** `PATCH /.well-known/acp.json` (§3.7.2): merges availability. */
export function patchCard(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const patch = decodeCardPatchBody(body.value);
  if (!patch.ok) return fail(patch.error);
  const merged = mergeAvailability(r.node.config.availability, patch.value, r.node.wire.now());
  r.node.config.availability = merged;
  return json(200, { ok: true, availability: merged as unknown as JsonObject });
}

/** `GET /.well-known/jwks.json` (§3.7.3). */
export function jwks(r: ApiRequest): ApiReply {
  return json(200, buildJwks(r.node.config.name, r.node.config.identity?.publicKey ?? null) as unknown as JsonObject);
}

/** `GET /.well-known/did.json` (§3.7.4): 404 without identity. */
export function didDocument(r: ApiRequest): ApiReply {
  const identity = r.node.config.identity;
  if (!identity) return fail(httpError('ERR_NOT_FOUND', 'DID identity not enabled — start with --identity'));
  return json(200, buildDidDocument(identity.publicKey, r.node.link));
}

function allSkills(r: ApiRequest): Skill[] {
  return r.node.config.skills.map(normalizeSkill);
}

/** `GET /skills` (§3.7.5). */
export function skills(r: ApiRequest): ApiReply {
  const limitText = r.query.get('limit') ?? '50';
  const offsetText = r.query.get('offset') ?? '0';
  if (!/^\d+$/.test(limitText) || !/^\d+$/.test(offsetText)) return fail(invalidRequest('limit and offset must be non-negative integers'));
  const limit = Number(limitText) === 0 ? 50 : Math.min(Number(limitText), 200);
  const offset = Number(offsetText);
  const tag = r.query.get('tag');
  const q = r.query.get('q')?.toLowerCase();
  let list = allSkills(r);
  if (tag !== null) list = list.filter((s) => s.tags.includes(tag));
  if (q !== undefined) list = list.filter((s) => [s.id, s.name, s.description].some((f) => f.toLowerCase().includes(q)));
  const page = list.slice(offset, offset + limit);
  const hasMore = offset + page.length < list.length;
  return json(200, { skills: page as unknown as JsonValue, total: list.length, has_more: hasMore, next_offset: hasMore ? offset + page.length : null });
}

/** `POST /skills/query` (§3.7.6). */
export function skillsQuery(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeSkillsQueryBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const { skillId, constraints } = decoded.value;
  const list = allSkills(r);
  const agent = { name: r.node.config.name, acp_version: ACP_VERSION };
  const card = cardOf(r);
  if (skillId === undefined) {
    const mode = constraints.inputMode;
    const matching = mode === undefined ? list : list.filter((s) => s.input_modes.length === 0 || s.input_modes.includes(mode));
    const out: JsonObject = { skills: matching as unknown as JsonValue, capabilities: card['capabilities'] ?? null, agent };
    if (mode !== undefined && matching.length === 0) {
      out['support_level'] = 'unsupported';
      out['reason'] = `no skill accepts input mode '${mode}'`;
    }
    return json(200, out);
  }
  const known = list.map((s) => s.id).sort();
  const skill = list.find((s) => s.id === skillId);
  if (!skill) {
    const similar = list.filter((s) => [s.id, s.name, s.description].some((f) => f.includes(skillId))).map((s) => `'${s.id}'`);
    const reason = `Skill '${skillId}' not registered on this agent${similar.length > 0 ? `; similar skills found: [${similar.join(', ')}]` : ''}`;
    return json(200, { skill_id: skillId, support_level: 'unsupported', reason, constraints_applied: {}, known_skills: known, agent });
  }
  const violations: string[] = [];
  if (constraints.fileSizeBytes !== undefined && constraints.fileSizeBytes > 1_048_576) violations.push(`file_size_bytes ${constraints.fileSizeBytes} exceeds max_msg_bytes 1048576`);
  if (constraints.inputMode !== undefined && skill.input_modes.length > 0 && !skill.input_modes.includes(constraints.inputMode)) violations.push(`input_mode '${constraints.inputMode}' not in ${JSON.stringify(skill.input_modes)}`);
  if (violations.length > 0) {
    return json(200, { skill_id: skillId, support_level: 'partial', reason: violations.join('; '), constraints_applied: { max_msg_bytes: 1_048_576 }, known_skills: known, agent });
  }
  return json(200, { skill_id: skillId, support_level: 'supported', reason: `Skill '${skillId}' is available`, constraints_applied: {}, known_skills: known, agent });
}

function loopbackClient(r: ApiRequest): boolean {
  const a = r.remoteAddress;
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/** `POST /webhooks/register` (§4.10): loopback clients only; events are then delivered. */
export function webhookRegister(r: ApiRequest): ApiReply {
  if (!loopbackClient(r)) return fail(httpError('ERR_FORBIDDEN', 'webhook registration is allowed from loopback clients only'));
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeWebhookBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const total = r.node.webhooks.register(decoded.value.url);
  return json(200, { ok: true, registered: decoded.value.url, total });
}

/** `POST /webhooks/deregister`. */
export function webhookDeregister(r: ApiRequest): ApiReply {
  if (!loopbackClient(r)) return fail(httpError('ERR_FORBIDDEN', 'webhook registration is allowed from loopback clients only'));
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeWebhookBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  return json(200, { ok: true, remaining: r.node.webhooks.deregister(decoded.value.url) });
}

/** `GET /peer/verify` (§2.7.5): the last peer card's verification. */
export function peerVerify(r: ApiRequest): ApiReply {
  const card = r.node.lastPeerCard;
  if (!card) return fail(notFoundError('no peer card received'));
  const v = r.node.lastPeerCardVerification ?? { valid: null, error: UNSIGNED_CARD_ERROR };
  return json(200, { ...v, peer_name: card['name'] ?? null, peer_did: v['did'] ?? null, verified: v['valid'] === true });
}

/** `GET /verify/card`: this node's own card, verified (§3.8, MAY). */
export function verifyOwnCard(r: ApiRequest): ApiReply {
  return json(200, checkCardSignature(cardOf(r)) as unknown as JsonObject);
}

/** `POST /verify/card`: verifies a posted card, raw or wrapped as `{"self": card}` (§3.8, MAY). */
export function verifyPostedCard(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const self = body.value['self'];
  const card = isJsonObject(self) ? self : body.value;
  return json(200, checkCardSignature(card) as unknown as JsonObject);
}

function cardExtensions(r: ApiRequest): JsonValue[] {
  const list = cardOf(r)['extensions'];
  return Array.isArray(list) ? list : [];
}

/** `GET /extensions`: the card's extension list, built-ins first, then registered ones (§3.8, MAY). */
export function extensions(r: ApiRequest): ApiReply {
  const list = cardExtensions(r);
  return json(200, { extensions: list, count: list.length });
}

/** `GET /availability`: the availability block, or null when not configured (§3.8, MAY). */
export function availability(r: ApiRequest): ApiReply {
  return json(200, { availability: (r.node.config.availability ?? null) as JsonValue });
}

/** The most extensions the API registers: each one travels in the card on every connection. */
const MAX_REGISTERED_EXTENSIONS = 64;

/**
 * `POST /extensions/register` (§3.8, MAY): `{"uri", "required"?, "params"?}` with an http(s) uri
 * joins the card's `extensions` after the built-ins; registering a uri again replaces its entry.
 */
export function extensionRegister(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeExtensionRegisterBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const entry = decoded.value;
  const config = r.node.config;
  const replaced = config.extensions.some((e) => e.uri === entry.uri);
  if (!replaced && config.extensions.length >= MAX_REGISTERED_EXTENSIONS) return fail(invalidRequest(`at most ${MAX_REGISTERED_EXTENSIONS} extensions can be registered`));
  config.extensions = replaced ? config.extensions.map((e) => (e.uri === entry.uri ? entry : e)) : [...config.extensions, entry];
  return json(200, { ok: true, extension: entry, replaced, extensions: cardExtensions(r) });
}

/**
 * `POST /extensions/unregister` (§3.8, MAY): `{"uri"}` removes a registered extension. Built-ins
 * follow the node's configuration and cannot be removed (400); an unknown uri is 404.
 */
export function extensionUnregister(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const decoded = decodeExtensionUnregisterBody(body.value);
  if (!decoded.ok) return fail(decoded.error);
  const { uri } = decoded.value;
  if (BUILT_IN_EXTENSION_URIS.includes(uri)) return fail(invalidRequest(`extension '${uri}' is built in and cannot be unregistered`));
  const config = r.node.config;
  if (!config.extensions.some((e) => e.uri === uri)) return fail(notFoundError(`extension '${uri}' is not registered`));
  config.extensions = config.extensions.filter((e) => e.uri !== uri);
  return json(200, { ok: true, unregistered: uri, extensions: cardExtensions(r) });
}

/**
 * `POST /availability/heartbeat` (§3.8, MAY): stamps `last_active_at` now. The block exists only
 * when availability is configured (§5.1, and `capabilities.availability` says so), so without one
 * this is a 400 rather than a block the heartbeat would invent; configure it with
 * `PATCH /.well-known/acp.json` first.
 */
export function availabilityHeartbeat(r: ApiRequest): ApiReply {
  const body = r.body();
  if (!body.ok) return fail(body.error);
  const current = r.node.config.availability;
  if (current === undefined) return fail(invalidRequest("availability is not configured; set it with PATCH /.well-known/acp.json {\"availability\": {...}}"));
  const now = r.node.wire.now();
  const stamped = mergeAvailability(current, { last_active_at: now }, now);
  r.node.config.availability = stamped;
  return json(200, { ok: true, last_active_at: now, availability: stamped as unknown as JsonObject });
}
