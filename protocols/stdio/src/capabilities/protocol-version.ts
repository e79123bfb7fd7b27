/**
 * Protocol version negotiation (spec §5.1) as pure functions.
 */

/**
 * The only ACP version Troupe speaks (the integer `1` on the wire).
 *
 * @example
 * request(0, 'initialize', { protocolVersion: PROTOCOL_VERSION });
 */
export const PROTOCOL_VERSION = 1;

/**
 * Serve mode [Troupe]: the version to answer `initialize` with. An agent
 * answers the requested version if it supports it, else its latest; Troupe
 * supports only 1, so the answer is always 1 (v1 has no "unsupported
 * version" error; `-32022` is v2-only).
 *
 * @example
 * negotiateProtocolVersion(99); // 1
 */
export function negotiateProtocolVersion(_requested: number): number {
  return PROTOCOL_VERSION;
}

/**
 * Drive mode's verdict on the agent's `initialize` reply.
 *
 * @example
 * const v: VersionCheck = checkAgentProtocolVersion(init.protocolVersion);
 */
export type VersionCheck = { ok: true } | { ok: false; received: unknown };

/**
 * Drive mode [Troupe]: anything but the integer 1 means "send nothing more,
 * shut the agent down, fail with `unsupported_protocol_version`".
 *
 * @example
 * checkAgentProtocolVersion(2); // { ok: false, received: 2 }
 */
export function checkAgentProtocolVersion(received: unknown): VersionCheck {
  return received === PROTOCOL_VERSION ? { ok: true } : { ok: false, received };
}
