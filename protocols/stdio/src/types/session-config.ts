/**
 * Session modes (legacy selector) and session config options, which
 * supersede modes (spec §10.6).
 */
import type { OpenEnum, WithMeta } from './meta.js';

/**
 * One mode an agent offers; ids are agent-chosen, there is no fixed set.
 *
 * @example
 * const m: SessionMode = { id: 'code', name: 'Code' };
 */
export interface SessionMode extends WithMeta {
  id: string;
  name: string;
  description?: string | null;
}

/**
 * The `modes` member of a session setup reply.
 *
 * @example
 * const m: SessionModeState = { currentModeId: 'ask', availableModes: [{ id: 'ask', name: 'Ask' }] };
 */
export interface SessionModeState extends WithMeta {
  currentModeId: string;
  availableModes: SessionMode[];
}

/**
 * Well-known config categories; custom ones start with `_`. The set is open.
 *
 * @example
 * const c: SessionConfigOptionCategory = 'thought_level';
 */
export type SessionConfigOptionCategory = 'mode' | 'model' | 'model_config' | 'thought_level';

/**
 * One selectable value of a `select` option.
 *
 * @example
 * const o: SessionConfigSelectOption = { value: 'fast', name: 'Fast' };
 */
export interface SessionConfigSelectOption extends WithMeta {
  value: string;
  name: string;
  description?: string | null;
}

/**
 * A named group of selectable values.
 *
 * @example
 * const g: SessionConfigSelectGroup = { group: 'openai', name: 'OpenAI', options: [] };
 */
export interface SessionConfigSelectGroup extends WithMeta {
  group: string;
  name: string;
  options: SessionConfigSelectOption[];
}

interface ConfigOptionBase extends WithMeta {
  id: string;
  name: string;
  description?: string | null;
  category?: OpenEnum<SessionConfigOptionCategory> | null;
}

/**
 * `type: "select"`: one value id out of a flat or grouped list.
 *
 * @example
 * const o: SessionConfigSelect = { id: 'model', name: 'Model', type: 'select', currentValue: 'a', options: [] };
 */
export interface SessionConfigSelect extends ConfigOptionBase {
  type: 'select';
  currentValue: string;
  options: SessionConfigSelectOption[] | SessionConfigSelectGroup[];
}

/**
 * `type: "boolean"`: only sent to clients advertising `session.configOptions.boolean`.
 *
 * @example
 * const o: SessionConfigBoolean = { id: 'web', name: 'Web search', type: 'boolean', currentValue: true };
 */
export interface SessionConfigBoolean extends ConfigOptionBase {
  type: 'boolean';
  currentValue: boolean;
}

/**
 * A session config option. Array order is priority order.
 *
 * @example
 * const o: SessionConfigOption = { id: 'model', name: 'Model', category: 'model', type: 'select',
 *   currentValue: 'fast', options: [{ value: 'fast', name: 'Fast' }] };
 */
export type SessionConfigOption = SessionConfigSelect | SessionConfigBoolean;
