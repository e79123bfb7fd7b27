/**
 * Checks for tool calls, their content and locations, plans and permission
 * options (spec §7, §9, §10.2). `kind`, `status`, plan priority/status and
 * option kinds are open enums: unknown strings pass and are flagged by the
 * `is*` helpers instead (§17).
 */
import { contentBlockCheck } from './content-checks.js';
import { anything, arrayOf, object, str, tagged, uint, type Check } from './check.js';

const toolCallContentCheck: Check = tagged('type', {
  content: object({ required: { content: contentBlockCheck } }),
  diff: object({ required: { path: str, newText: str }, optional: { oldText: str } }),
  terminal: object({ required: { terminalId: str } }),
});

const toolCallLocationCheck: Check = object({ required: { path: str }, optional: { line: uint } });

const toolCallOptional = {
  title: str,
  name: str,
  kind: str,
  status: str,
  content: arrayOf(toolCallContentCheck),
  locations: arrayOf(toolCallLocationCheck),
  rawInput: anything,
  rawOutput: anything,
};

/** A patch: only `toolCallId` is required (`tool_call_update`, permission requests). */
export const toolCallFieldsCheck: Check = object({ required: { toolCallId: str }, optional: toolCallOptional });

/** A new tool call: `title` is required as well. */
export const toolCallCheck: Check = object({ required: { toolCallId: str, title: str }, optional: toolCallOptional });

export const planEntryCheck: Check = object({ required: { content: str, priority: str, status: str } });

export const permissionOptionCheck: Check = object({ required: { optionId: str, name: str, kind: str } });
