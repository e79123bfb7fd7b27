/**
 * Authentication methods advertised in the `initialize` reply (spec §5.2, §10.5).
 */
import type { WithMeta } from './meta.js';

/**
 * Run through the `authenticate` request (no `type`).
 *
 * @example
 * const m: AuthMethodAgent = { id: 'api-key', name: 'API key' };
 */
export interface AuthMethodAgent extends WithMeta {
  id: string;
  name: string;
  description?: string | null;
}

/**
 * Run by the client in a terminal; only listed when the client advertised `auth.terminal`.
 *
 * @example
 * const m: AuthMethodTerminal = { type: 'terminal', id: 'login', name: 'Log in', args: ['--login'] };
 */
export interface AuthMethodTerminal extends WithMeta {
  type: 'terminal';
  id: string;
  name: string;
  description?: string | null;
  args?: string[];
  env?: { [name: string]: string };
}

/**
 * Any auth method.
 *
 * @example
 * const m: AuthMethod = { id: 'api-key', name: 'API key' };
 */
export type AuthMethod = AuthMethodAgent | AuthMethodTerminal;
