import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { Skill } from './agent-card.js';

/** A skill as configured: a bare id, or a partial skill object with at least an `id`. */
export type SkillInit = string | (Partial<Skill> & { id: string });

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Fills a skill's missing fields: `name` defaults to the id, lists to `[]`, `description` to `''`.
 * Extra members are kept.
 *
 * @example
 * normalizeSkill('summarize');
 * // { id: 'summarize', name: 'summarize', description: '', tags: [], examples: [], input_modes: [], output_modes: [] }
 */
export function normalizeSkill(init: SkillInit): Skill {
  if (typeof init === 'string') return normalizeSkill({ id: init });
  const obj = init as JsonObject;
  const name = getOwn(obj, 'name');
  const description = getOwn(obj, 'description');
  return {
    ...obj,
    id: init.id,
    name: typeof name === 'string' && name.length > 0 ? name : init.id,
    description: typeof description === 'string' ? description : '',
    tags: strings(getOwn(obj, 'tags')),
    examples: strings(getOwn(obj, 'examples')),
    input_modes: strings(getOwn(obj, 'input_modes')),
    output_modes: strings(getOwn(obj, 'output_modes')),
  };
}

/** True for a skill-shaped object of a received card (an `id` string is the minimum). */
export function isSkillLike(value: unknown): boolean {
  return isJsonObject(value) && typeof getOwn(value, 'id') === 'string';
}
