/**
 * Checks for the stable `session/update` variants (spec §9), keyed by the
 * `sessionUpdate` discriminator. Kept as a table so the tolerant decoder can
 * tell "unknown variant" from "known variant, invalid payload".
 */
import { contentBlockCheck, contentBlocksCheck } from './content-checks.js';
import { arrayOf, nonEmptyStr, num, object, str, uint, type Check } from './check.js';
import { configOptionsCheck } from './session-checks.js';
import { planEntryCheck, toolCallCheck, toolCallFieldsCheck } from './tool-call-checks.js';

const chunk = object({ required: { content: contentBlockCheck }, optional: { messageId: str } });

/**
 * One check per stable variant. Each receives the whole `update` object
 * (including its `sessionUpdate` member, which it ignores).
 */
export const UPDATE_CHECKS: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['user_message_chunk', chunk],
  ['agent_message_chunk', chunk],
  ['agent_thought_chunk', chunk],
  ['tool_call', toolCallCheck],
  ['tool_call_update', toolCallFieldsCheck],
  ['plan', object({ required: { entries: arrayOf(planEntryCheck) } })],
  ['available_commands_update', object({
    required: {
      availableCommands: arrayOf(object({
        required: { name: str, description: str },
        optional: { input: object({ required: { hint: str } }) },
      })),
    },
  })],
  ['current_mode_update', object({ required: { currentModeId: str } })],
  ['config_option_update', object({ required: { configOptions: configOptionsCheck } })],
  ['session_info_update', object({ optional: { title: str, updatedAt: str } })],
  ['usage_update', object({
    required: { used: uint, size: uint },
    optional: { cost: object({ required: { amount: num, currency: str } }) },
  })],
  ['notice', object({ required: { severity: str, title: nonEmptyStr }, optional: { description: str } })],
  ['compaction_update', object({ required: { compactionId: str, status: str }, optional: { summary: contentBlocksCheck, error: str } })],
  ['compaction_summary_chunk', object({ required: { compactionId: str, content: contentBlockCheck } })],
]);

/**
 * Unstable variants (§16): recognised, never sent by Troupe, delivered as
 * unknown when received.
 *
 * @example
 * UNSTABLE_UPDATE_KINDS.has('plan_update'); // true
 */
export const UNSTABLE_UPDATE_KINDS: ReadonlySet<string> = new Set([
  'plan_update', 'plan_removed', 'subagent_update', 'session_message', 'session_message_chunk',
]);
