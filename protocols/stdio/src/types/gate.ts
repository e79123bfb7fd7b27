/**
 * Capability gates as data (spec §11): which advertised capability must be
 * present before a method may be called.
 */

/**
 * Who advertises the capability: the agent's or client's `initialize` half, or a session's setup reply.
 *
 * @example
 * const h: CapabilityHolder = 'session';
 */
export type CapabilityHolder = 'agent' | 'client' | 'session';

/**
 * One capability test. `flag` means the value must be `true`; `marker` means
 * a non-null object (`{}`); `present` means any non-null value.
 *
 * @example
 * const r: CapabilityRequirement = { holder: 'agent', path: ['sessionCapabilities', 'list'], shape: 'marker' };
 */
export interface CapabilityRequirement {
  holder: CapabilityHolder;
  path: readonly string[];
  shape: 'flag' | 'marker' | 'present';
}

/**
 * A gate opens when any one of its requirements holds. `label` names it for
 * error messages, e.g. `agentCapabilities.sessionCapabilities.list`.
 *
 * @example
 * const g: Gate = { label: 'clientCapabilities.terminal', anyOf: [{ holder: 'client', path: ['terminal'], shape: 'flag' }] };
 */
export interface Gate {
  label: string;
  anyOf: readonly CapabilityRequirement[];
}
