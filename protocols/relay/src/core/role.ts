/** Message roles of `acp.message` and `/message:send` (§2.4.2, §3.4.1). */
export const ROLES = ['user', 'agent'] as const;

/** `"user"` or `"agent"`. */
export type Role = (typeof ROLES)[number];

/** Roles `POST /tasks` accepts (§3.6.1): the message roles plus `"system"`. */
export const TASK_ROLES = ['user', 'agent', 'system'] as const;

/** A role accepted by `POST /tasks`. */
export type TaskRole = (typeof TASK_ROLES)[number];

/**
 * True for `"user"` and `"agent"`.
 *
 * @example
 * isRole('bot'); // false
 */
export function isRole(value: unknown): value is Role {
  return value === 'user' || value === 'agent';
}

/**
 * True for `"user"`, `"agent"` and `"system"`.
 *
 * @example
 * isTaskRole('system'); // true
 */
export function isTaskRole(value: unknown): value is TaskRole {
  return value === 'user' || value === 'agent' || value === 'system';
}
