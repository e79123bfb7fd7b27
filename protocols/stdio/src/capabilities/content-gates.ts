/**
 * Gates on content rather than methods (spec §9, §10, §11): prompt blocks,
 * MCP server transports, additional directories, gated update variants and
 * boolean config options, terminal auth methods and elicitation modes.
 */
import { invalidParams } from '../json-rpc/rpc-errors.js';
import type { AgentCapabilities, ClientCapabilities } from '../types/capabilities.js';
import type { RpcErrorObject } from '../types/json-rpc.js';
import { hasCapability } from './capability-gates.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const PROMPT_BLOCK_FLAG: Readonly<Record<string, string>> = { image: 'image', audio: 'audio', resource: 'embeddedContext' };

/**
 * Whether a prompt block type is allowed: `text` and `resource_link` always;
 * `image`, `audio`, `resource` with the matching prompt capability.
 *
 * @example
 * promptBlockAllowed({ promptCapabilities: { image: true } }, 'image'); // true
 */
export function promptBlockAllowed(agent: AgentCapabilities | undefined, type: string): boolean {
  if (type === 'text' || type === 'resource_link') return true;
  const flag = PROMPT_BLOCK_FLAG[type];
  return flag !== undefined && hasCapability({ holder: 'agent', path: ['promptCapabilities', flag], shape: 'flag' }, { agent });
}

/**
 * `-32602` naming the first prompt block the agent did not advertise, or undefined.
 *
 * @example
 * checkPromptBlocks(caps, params.prompt); // { code: -32602, data: { path: '/prompt/1/type', … } }
 */
export function checkPromptBlocks(agent: AgentCapabilities | undefined, prompt: readonly unknown[]): RpcErrorObject | undefined {
  for (let i = 0; i < prompt.length; i++) {
    const block = prompt[i];
    const type = isObj(block) ? block['type'] : undefined;
    if (typeof type === 'string' && !promptBlockAllowed(agent, type)) {
      return invalidParams(['prompt', i, 'type'], `${type} blocks need promptCapabilities.${PROMPT_BLOCK_FLAG[type] ?? type}`);
    }
  }
  return undefined;
}

/**
 * `-32602` for the first `http`/`sse` MCP server the agent did not
 * advertise, or for `additionalDirectories` without the session capability.
 *
 * @example
 * checkSessionSetupParams(caps, { cwd: '/r', mcpServers: [{ type: 'http', name: 'x', url: 'u', headers: [] }] });
 */
export function checkSessionSetupParams(
  agent: AgentCapabilities | undefined,
  params: { mcpServers?: readonly unknown[] | undefined; additionalDirectories?: readonly unknown[] | undefined },
): RpcErrorObject | undefined {
  const servers = params.mcpServers ?? [];
  for (let i = 0; i < servers.length; i++) {
    const s = servers[i];
    const type = isObj(s) ? s['type'] : undefined;
    if ((type === 'http' || type === 'sse') && !hasCapability({ holder: 'agent', path: ['mcpCapabilities', type], shape: 'flag' }, { agent })) {
      return invalidParams(['mcpServers', i, 'type'], `${type} MCP servers need mcpCapabilities.${type}`);
    }
  }
  const dirs = params.additionalDirectories;
  if (dirs !== undefined && dirs.length > 0
    && !hasCapability({ holder: 'agent', path: ['sessionCapabilities', 'additionalDirectories'], shape: 'marker' }, { agent })) {
    return invalidParams(['additionalDirectories'], 'needs sessionCapabilities.additionalDirectories');
  }
  return undefined;
}

/**
 * Whether the config options of a setup reply or update may be sent:
 * boolean entries need client `session.configOptions.boolean`.
 *
 * @example
 * configOptionsSendable(clientCaps, result.configOptions);
 */
export function configOptionsSendable(client: ClientCapabilities | undefined, options: unknown): boolean {
  if (!Array.isArray(options) || !options.some((o) => isObj(o) && o['type'] === 'boolean')) return true;
  return hasCapability({ holder: 'client', path: ['session', 'configOptions', 'boolean'], shape: 'marker' }, { client });
}

const STABLE_UPDATES = new Set([
  'user_message_chunk', 'agent_message_chunk', 'agent_thought_chunk', 'tool_call', 'tool_call_update', 'plan',
  'available_commands_update', 'current_mode_update', 'config_option_update', 'session_info_update',
  'usage_update', 'notice', 'compaction_update', 'compaction_summary_chunk',
]);

/**
 * Why an update may not be sent; `capability` names what the client lacks.
 *
 * @example
 * const r: UpdateGateResult = { ok: false, reason: 'not-advertised', capability: 'session.notices' };
 */
export type UpdateGateResult = { ok: true } | { ok: false; reason: 'unstable-or-unknown' | 'not-advertised'; capability?: string };

const OK: UpdateGateResult = Object.freeze({ ok: true });

/**
 * Serve mode's sender-side gate for an outgoing `session/update` (§9,
 * checklist 21.20): no unstable/unknown variant; `notice`, `compaction_*`,
 * boolean config options and `terminal` tool-call content only when advertised.
 *
 * @example
 * if (!updateSendable(clientCaps, update).ok) refuse();
 */
export function updateSendable(client: ClientCapabilities | undefined, update: { sessionUpdate: string }): UpdateGateResult {
  const kind = update.sessionUpdate;
  if (!STABLE_UPDATES.has(kind)) return { ok: false, reason: 'unstable-or-unknown' };
  const ctx = { client };
  switch (kind) {
    case 'notice':
      return hasCapability({ holder: 'client', path: ['session', 'notices'], shape: 'marker' }, ctx) ? OK : notAdvertised('session.notices');
    case 'compaction_update':
    case 'compaction_summary_chunk':
      return hasCapability({ holder: 'client', path: ['session', 'compaction'], shape: 'marker' }, ctx) ? OK : notAdvertised('session.compaction');
    case 'config_option_update':
      return configOptionsSendable(client, (update as Record<string, unknown>)['configOptions']) ? OK : notAdvertised('session.configOptions.boolean');
    case 'tool_call':
    case 'tool_call_update': {
      const content = (update as Record<string, unknown>)['content'];
      const usesTerminal = Array.isArray(content) && content.some((c) => isObj(c) && c['type'] === 'terminal');
      return !usesTerminal || hasCapability({ holder: 'client', path: ['terminal'], shape: 'flag' }, ctx) ? OK : notAdvertised('terminal');
    }
    default:
      return OK;
  }
}

function notAdvertised(capability: string): UpdateGateResult {
  return { ok: false, reason: 'not-advertised', capability };
}

/**
 * Whether an auth method may be listed: `type: "terminal"` needs client `auth.terminal`.
 *
 * @example
 * authMethodListable(clientCaps, { type: 'terminal', id: 'login', name: 'Log in' });
 */
export function authMethodListable(client: ClientCapabilities | undefined, method: { type?: string }): boolean {
  return method.type !== 'terminal' || hasCapability({ holder: 'client', path: ['auth', 'terminal'], shape: 'flag' }, { client });
}

/**
 * Whether the client advertised an elicitation mode (`form` / `url`).
 *
 * @example
 * elicitationModeAllowed({ elicitation: { url: {} } }, 'form'); // false
 */
export function elicitationModeAllowed(client: ClientCapabilities | undefined, mode: string): boolean {
  return (mode === 'form' || mode === 'url') && hasCapability({ holder: 'client', path: ['elicitation', mode], shape: 'marker' }, { client });
}
