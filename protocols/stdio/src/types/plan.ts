/**
 * Agent plans (spec §9 `plan`). Every plan update carries the whole plan.
 */
import type { OpenEnum, WithMeta } from './meta.js';

/** How important a plan entry is. */
export type PlanEntryPriority = 'high' | 'medium' | 'low';

/** Progress of a plan entry. */
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
