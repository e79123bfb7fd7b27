import { firstProblem } from '../core/field-checks.js';
import { newCardFrameId } from '../core/ids.js';
import { compact, type JsonObject } from '../core/json.js';
import type { AgentCard } from '../card/agent-card.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `acp.agent_card` (§2.4.1): the first frame each side sends on a connection. Never deduped.
 * The card carries no link, token or port, so a peer cannot dial back from it.
 */
export interface AgentCardFrame extends FrameCommon {
  type: 'acp.agent_card';
  /** The card as sent; validate it with `decodeAgentCard` before trusting its members. */
  card: JsonObject;
}

/** What {@link buildAgentCardFrame} needs. */
export interface AgentCardFrameInit extends FrameStamp {
  /** The node's card, built at connection time and signed when it has an identity. */
  readonly card: AgentCard | JsonObject;
  /** Optional: upstream sends no `from` on card frames, Troupe may (§2.4.1). */
  readonly from?: string;
}

/**
 * Builds an `acp.agent_card` frame with a `card_…` message id.
 *
 * @example
 * buildAgentCardFrame({ card: signAgentCard(buildAgentCard({ … }), identity) });
 */
export function buildAgentCardFrame(init: AgentCardFrameInit): AgentCardFrame {
  const { message_id, ts } = resolveStamp(init, newCardFrameId);
  return compact({ type: 'acp.agent_card', message_id, ts, from: init.from, card: init.card as JsonObject }) as AgentCardFrame;
}

/** Checks the members of a card frame; returns the first problem, or `undefined`. */
export function checkAgentCardFrame(frame: JsonObject): string | undefined {
  return firstProblem(frame, [['card', 'object', true]]);
}
