import type { Clock } from '../ports/clock.js';
import type { ConnectFn, RawConnectTarget } from './connect-targets.js';
import type { Codec } from '../ports/codec.js';
import type { Store } from '../store/store.js';
import type { Observable } from 'rxjs';
import type { ActorRef, LifecycleHandle, SpawnOptions, Spawnable, SystemFacade } from '../types/actor.js';
import type { InspectionEvent, InspectionInput } from '../types/inspection.js';
import type { Message } from '../types/message.js';


/**
 * Resolves targets to ActorRefs for one plugin: strings by URI scheme (`acp:`), objects by
 * `matches` (e.g. `{ command: [...] }` for an ACP subprocess).
 */
export interface Connector {
  /** URI scheme without the colon, e.g. `acp`. */
  readonly scheme?: string;
  matches?(target: RawConnectTarget): boolean;
  /** Gets what the caller passed: checked against {@link ConnectFn} in TypeScript, not in JS. */
  connect(target: RawConnectTarget, options?: Readonly<Record<string, unknown>>): Promise<ActorRef>;
}

/**
 * The actor system as a plugin sees it. An interface (the `ActorSystem` class implements it), so
 * the plugin contract does not depend on the class that hosts plugins.
 */
export interface PluginSystem extends SystemFacade {
  readonly inspect$: Observable<InspectionEvent>;
  /** Connects through the plugin that declared the target's kind (see `ConnectTargets`). */
  readonly connect: ConnectFn;
  /** The live actor's ref, or one that dead-letters every message. */
  refFor(address: string): ActorRef;
  /** The lifecycle machine of a local actor, for a plugin's socket or timer callbacks to feed. */
  lifecycleOf(ref: ActorRef): LifecycleHandle | undefined;
  /** Card (descriptive data) of a local actor, e.g. an agent card. */
  cardOf(ref: ActorRef): Readonly<Record<string, unknown>> | undefined;
  /** The user's top-level agents. */
  agentRefs(): ActorRef[];
  emit(event: InspectionInput): void;
}

/** What a plugin gets when it starts. */
export interface PluginHost {
  readonly system: PluginSystem;
  /** The plugin's own supervisor (`troupe://<node>/plugins/<name>`); `spawn` defaults under it. */
  readonly supervisor: ActorRef;
  readonly store: Store;
  readonly clock: Clock;
  readonly codec: Codec;
  spawn(target: Spawnable, options?: SpawnOptions): ActorRef;
  registerConnector(connector: Connector): void;
  /** Reports through `system.inspect$` (plugins never write to the console). */
  emit(event: InspectionInput): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Readonly<Record<string, unknown>>): void;
  /**
   * Records a message the plugin refused at its protocol boundary (it did not decode or verify)
   * as a dead letter with reason `rejected` and `detail`, addressed to the plugin's supervisor:
   * dropped input then shows on `system.deadLetters$` like any other undelivered message.
   */
  deadLetter(message: Message, detail: string): void;
}

/**
 * A protocol plugin: translates its wire frames into actor messages and back.
 *
 * @example
 * const echoPlugin: Plugin = { name: 'echo', start(host) {}, stop() {} };
 */
export interface Plugin {
  readonly name: string;
  start(host: PluginHost): void | Promise<void>;
  stop(): void | Promise<void>;
  /** Lines telling a person how to reach this plugin (shown by `troupe up` and the demo). */
  describe?(): string[];
}
