/**
 * Agent plans (spec §9 `plan`). Every plan update carries the whole plan.
 */
import type { OpenEnum, WithMeta } from './meta.js';

/**
 * How important a plan entry is.
 *
 * @example
 * const p: PlanEntryPriority = 'medium';
 */
export type PlanEntryPriority = 'high' | 'medium' | 'low';

/**
 * Progress of a plan entry.
 *
 * @example
 * const s: PlanEntryStatus = 'in_progress';
 */
export type PlanEntryStatus = 'pending' | 'in_progress' | 'completed';

/**
 * One step of a plan.
 *
 * @example
 * const e: PlanEntry = { content: 'write tests', priority: 'high', status: 'pending' };
 */
export interface PlanEntry extends WithMeta {
  content: string;
  priority: OpenEnum<PlanEntryPriority>;
  status: OpenEnum<PlanEntryStatus>;
}
