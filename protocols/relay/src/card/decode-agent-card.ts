import { firstProblem, type FieldKind } from '../core/field-checks.js';
import { getOwn, isJsonObject, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { AGENT_CARD_KEYS, CAPABILITY_KEYS, type AgentCard } from './agent-card.js';
import { isSkillLike } from './skill.js';

/** A card as received from a peer: only `name` is sure to be there. */
export type ReceivedAgentCard = Partial<AgentCard> & { name: string };

/** Options of {@link decodeAgentCard}. */
export interface DecodeAgentCardOptions {
  /**
   * Also require every key of §5.1 and every capability of §5.2 (use it on the node's own card).
   * Peer cards are checked leniently: upstream's handshake card is a start-up snapshot.
   */
  readonly complete?: boolean;
}

const FIELD_KINDS: ReadonlyArray<readonly [string, FieldKind]> = [
  ['version', 'string'],
  ['acp_version', 'string'],
  ['description', 'string'],
  ['http_port', 'integer'],
  ['timestamp', 'string'],
  ['transport_modes', 'array'],
  ['supported_interfaces', 'array'],
  ['limitations', 'array'],
  ['skills', 'array'],
  ['capabilities', 'object'],
  ['identity', 'object'],
  ['trust', 'object'],
  ['auth', 'object'],
  ['endpoints', 'object'],
  ['extensions', 'array'],
  ['availability', 'object'],
];

/**
 * Lists the §5.1 keys and §5.2 capability keys a card lacks (`availability` is optional).
 *
 * @example
 * missingCardKeys(buildAgentCard({ … })); // []
 */
export function missingCardKeys(card: JsonObject): string[] {
  const missing: string[] = AGENT_CARD_KEYS.filter((k) => getOwn(card, k) === undefined);
  const caps = getOwn(card, 'capabilities');
  if (isJsonObject(caps)) missing.push(...CAPABILITY_KEYS.filter((k) => getOwn(caps, k) === undefined).map((k) => `capabilities.${k}`));
  return missing;
}

/**
 * Validates a card: a JSON object with a non-empty string `name`, and every other known key (when
 * present) of the right JSON type. Extra keys are kept. Never throws.
 *
 * @example
 * decodeAgentCard({ name: 'AgentA', http_port: 7941 }); // { ok: true, value: { name: 'AgentA', http_port: 7941 } }
 * decodeAgentCard({ name: 7 }); // { ok: false, error: "card: field 'name' must be a non-empty string, got integer" }
 */
export function decodeAgentCard(value: unknown, options: DecodeAgentCardOptions = {}): Result<ReceivedAgentCard> {
  if (!isJsonObject(value)) return err('card must be a JSON object');
  const problem = firstProblem(value, [['name', 'non-empty string', true], ...FIELD_KINDS]);
  if (problem !== undefined) return err(`card: ${problem}`);
  const skills = getOwn(value, 'skills');
  if (Array.isArray(skills)) {
    const bad = skills.findIndex((s) => !isSkillLike(s));
    if (bad !== -1) return err(`card: skills[${bad}] must be an object with a string 'id'`);
  }
  if (options.complete === true) {
    const missing = missingCardKeys(value);
    if (missing.length > 0) return err(`card lacks required keys: ${missing.join(', ')}`);
  }
  return ok(value as ReceivedAgentCard);
}
