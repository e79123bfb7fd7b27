import type { Logger } from 'pino';
import type { InjectionToken } from 'tsyringe';
import type { Clock, Codec, Plugin, Store } from '@troupe/runtime';

/**
 * Injection tokens of the CLI's node composition, the only place Troupe uses a DI container.
 * Explicit tokens (`@inject(TOKENS.store)`), never emitted design-type metadata; the runtime
 * itself takes plain options.
 */
export const TOKENS = {
  store: 'troupe.store' as InjectionToken<Store>,
  clock: 'troupe.clock' as InjectionToken<Clock>,
  codec: 'troupe.codec' as InjectionToken<Codec>,
  logger: 'troupe.cli.logger' as InjectionToken<Logger>,
  plugins: 'troupe.cli.plugins' as InjectionToken<readonly Plugin[]>,
  /** Node name in addresses (`troupe://<node>/…`). */
  node: 'troupe.cli.node' as InjectionToken<string>,
} as const;
