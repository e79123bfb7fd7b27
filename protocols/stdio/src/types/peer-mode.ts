/**
 * Which side of ACP this end plays.
 *
 * - `serve`: Troupe is the agent; it is the JSON-RPC server for the client's
 *   requests, and a bad line gets an error reply.
 * - `drive`: Troupe is the client of an agent subprocess; the agent's stdout
 *   may be polluted, so non-JSON-RPC lines are noise, never answered (§3.4).
 *
 * @example
 * const mode: PeerMode = 'drive';
 */
export type PeerMode = 'serve' | 'drive';
