/**
 * What an agent says about itself. Plugins publish it in their protocol's shape (relay AgentCard,
 * ACP `agentInfo`, MAMP card, AgentCP profile); fields a protocol lacks are left out there.
 */
export interface AgentCard {
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  /** Skill ids, or skill objects with a description. */
  readonly skills?: readonly (string | { readonly id: string; readonly name?: string; readonly description?: string; readonly tags?: readonly string[] })[];
  /** Free-form capability flags (streaming, tasks…). */
  readonly capabilities?: Readonly<Record<string, unknown>>;
  /** Anything else a protocol wants to carry. */
  readonly [key: string]: unknown;
}

/** The card used when a class declares none: its class name. */
export function defaultCard(name: string): AgentCard {
  return { name };
}
