import type { Behavior, BehaviorFactory, ReceiveFunction, Spawnable } from '../types/actor.js';
import { TroupeError } from '../types/troupe-error.js';

function isFactory(s: Spawnable): s is BehaviorFactory {
  return typeof (s as Partial<BehaviorFactory>).createBehavior === 'function';
}

function isBehavior(s: Spawnable): s is Behavior {
  return typeof s === 'object' && s !== null && typeof (s as Partial<Behavior>).receive === 'function';
}

/**
 * Makes a behavior from anything `spawn` accepts: a factory (an Agent class) gives a fresh instance
 * each call, a behavior object is reused, a function becomes a behavior with that `receive`.
 */
export function behaviorOf(s: Spawnable): Behavior {
  if (isFactory(s)) return s.createBehavior();
  if (isBehavior(s)) return s;
  if (typeof s === 'function') return { receive: s as ReceiveFunction };
  throw new TroupeError('INVALID_OPTIONS', 'spawn needs an Agent class, a behavior object with receive(), or a handler function');
}
