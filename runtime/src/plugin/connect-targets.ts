/**
 * The targets `system.connect()` accepts, one entry per kind of target, each naming its target
 * type and the options that kind takes. The runtime knows no protocol, so it declares no entry:
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

/** Any target some loaded plugin package declared in {@link ConnectTargets}. */
export type ConnectTarget = { [K in keyof ConnectTargets]: TargetOf<K> }[keyof ConnectTargets];

/**
 * The arguments of `system.connect`: a declared target with the options of its own kind. A union
 * of tuples (not a generic) so an object literal gets excess-property checks: a misspelt option
 * or a target of no declared shape is a compile error.
 */
export type ConnectArgs = { [K in keyof ConnectTargets]: [target: TargetOf<K>, options?: OptionsOf<K>] }[keyof ConnectTargets];

/** What a {@link Connector} is handed at run time: `connect` is also reached from untyped code (CLI input, JS). */
export type RawConnectTarget = string | Readonly<Record<string, unknown>>;
