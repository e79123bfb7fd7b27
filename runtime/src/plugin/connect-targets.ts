import type { ActorRef } from '../types/actor.js';

/**
 * The targets `system.connect()` accepts, one entry per kind of target, each naming its target
 * type, the options that kind takes and (optionally, as `ref`) the type of ref it gives. The runtime knows no protocol, so it declares no entry:
 * every plugin package adds its own by declaration merging, and loading the package's types makes
 * its targets (and only valid options for them) type-check.
 *
 * @example
 * declare module '@troupe/runtime' {
 *   interface ConnectTargets {
 *     mamp: { target: `mamp://${string}`; options: { readonly timeoutMs?: number } };
 *   }
 * }
 * await system.connect('mamp://host/agent', { timeoutMs: 5_000 }); // checked
 */
// An empty interface on purpose: it exists to be augmented by plugin packages.
export interface ConnectTargets {}

type TargetOf<K extends keyof ConnectTargets> = ConnectTargets[K] extends { target: infer T } ? T : never;
type OptionsOf<K extends keyof ConnectTargets> = ConnectTargets[K] extends { options: infer O } ? O : never;
type RefOf<K extends keyof ConnectTargets> = ConnectTargets[K] extends { ref: infer R } ? R : ActorRef;
/** `A & B & …` of a union `A | B | …`: an intersection of function types is an overloaded function. */
type Overloads<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Any target some loaded plugin package declared in {@link ConnectTargets}. */
export type ConnectTarget = { [K in keyof ConnectTargets]: TargetOf<K> }[keyof ConnectTargets];

/**
 * The type of `system.connect`: one overload per declared kind, so a target gets excess-property
 * checks against its own kind, its options are those of that kind, and the promise gives that
 * kind's ref type (`AcpAgentLink` for `{ command }`, …).
 */
export type ConnectFn = Overloads<{ [K in keyof ConnectTargets]: (target: TargetOf<K>, options?: OptionsOf<K>) => Promise<RefOf<K>> }[keyof ConnectTargets]>;

/** What a {@link Connector} is handed at run time: `connect` is also reached from untyped code (CLI input, JS). */
export type RawConnectTarget = string | Readonly<Record<string, unknown>>;
