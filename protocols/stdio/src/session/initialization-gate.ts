/**
 * The initialization gate of spec §4 as a pure decision: before
 * `initialize` has completed only `initialize` is served; afterwards a
 * second `initialize` is refused. Notifications before `initialize` are
 * ignored (never answered).
 */
import { alreadyInitialized, notInitialized } from '../json-rpc/rpc-errors.js';
import type { RpcErrorObject } from '../types/json-rpc.js';

/**
 * `accept`: handle it; `ignore`: drop it silently (a notification);
 * `reject`: answer the request with `error` (`-32600`).
 *
 * @example
 * const g: InitGateDecision = initializationGate(false, 'request', 'session/new');
 */
export type InitGateDecision = { action: 'accept' } | { action: 'ignore' } | { action: 'reject'; error: RpcErrorObject };

const ACCEPT: InitGateDecision = Object.freeze({ action: 'accept' });
const IGNORE: InitGateDecision = Object.freeze({ action: 'ignore' });

/**
 * Decides whether an inbound request or notification may be handled yet.
 * `initialized` is true once the `initialize` response has been written.
 *
 * @example
 * initializationGate(false, 'request', 'session/new'); // reject: "ACP connection must be initialized before 'session/new'"
 * initializationGate(true, 'request', 'initialize');   // reject: already initialized
 */
export function initializationGate(initialized: boolean, type: 'request' | 'notification', method: string): InitGateDecision {
  if (type === 'notification') return initialized ? ACCEPT : IGNORE;
  if (method === 'initialize') return initialized ? { action: 'reject', error: alreadyInitialized() } : ACCEPT;
  return initialized ? ACCEPT : { action: 'reject', error: notInitialized(method) };
}
