import type { InjectionToken } from 'tsyringe';
import type { Clock } from '../ports/clock.js';
import type { Codec } from '../ports/codec.js';
import type { Store } from '../store/store.js';
import type { ActorSystem } from '../system/actor-system.js';

/**
 * Explicit injection tokens for composition roots (`@inject(TOKENS.store)`); the runtime never
 * relies on emitted design-type metadata.
 */
export const TOKENS = {
  system: 'troupe.system' as InjectionToken<ActorSystem>,
  store: 'troupe.store' as InjectionToken<Store>,
  clock: 'troupe.clock' as InjectionToken<Clock>,
  codec: 'troupe.codec' as InjectionToken<Codec>,
} as const;
