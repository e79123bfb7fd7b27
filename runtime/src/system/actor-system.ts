import { Subject, type Observable } from 'rxjs';
import type { ConnectFn, RawConnectTarget } from '../plugin/connect-targets.js';
import type { Connector, Plugin, PluginHost, PluginSystem } from '../plugin/plugin.js';
import { realClock, type Clock } from '../ports/clock.js';
import { jsonCodec, type Codec } from '../ports/codec.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { formatAddress, isValidSegment, parseAddress } from '../types/address.js';
import type { ActorRef, LifecycleHandle, MailboxOptions, SpawnOptions, Spawnable, SupervisionOptions } from '../types/actor.js';
import type { DeadLetter, DeadLetterReason } from '../types/dead-letter.js';
import { nextId } from '../types/ids.js';
import type { InspectionEvent, InspectionInput } from '../types/inspection.js';
import type { Message } from '../types/message.js';
import { TroupeError, toError } from '../types/troupe-error.js';
import { Cell } from './cell.js';
import { deadRef } from './dead-ref.js';
import type { SystemInternals } from './internals.js';
import { Scheduler, type Runnable } from './scheduler.js';

/** Options of `createSystem`. Every port has an embedded default. */
export interface SystemOptions {
  /** Node name in addresses (`troupe://<node>/…`). Default `local`. */
  readonly node?: string;
  readonly plugins?: readonly Plugin[];
  /** Default: in memory. The CLI passes the lmdb store (`@troupe/store-lmdb`). */
  readonly store?: Store;
  readonly clock?: Clock;
  readonly codec?: Codec;
  /** Randomness for backoff jitter (deterministic in tests). */
  readonly random?: () => number;
  /** Supervision of top-level agents. */
  readonly supervision?: SupervisionOptions;
  /** Default mailbox of agents spawned without their own. */
  readonly mailbox?: MailboxOptions;
}

/** Options of `shutdown`. */
export interface ShutdownOptions {
  /** How long to let mailboxes drain before stopping everything. Default 5,000 ms. */
  readonly deadlineMs?: number;
}

const guardianBehavior = { receive: () => undefined };

/**
 * The actor system: registry, scheduler, supervision tree, plugins and ports.
 *
 * ```
 * troupe://<node>            root
 * ├── /agents                guardian of user agents (system.spawn default parent)
 * └── /plugins/<name>        one supervisor per plugin
 * ```
 */
export class ActorSystem implements PluginSystem {
  readonly node: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly codec: Codec;
  private readonly inspectSubject = new Subject<InspectionEvent>();
  private readonly deadLetterSubject = new Subject<DeadLetter>();
  private readonly registry = new Map<string, Cell>();
  private readonly scheduler = new Scheduler();
  private readonly connectors: Connector[] = [];
  private readonly startedPlugins: Plugin[] = [];
  private readonly root: Cell;
  private readonly agents: Cell;
  private readonly pluginsCell: Cell;
  private readonly internals: SystemInternals;
  private readonly random: () => number;
  private readonly agentMailbox: MailboxOptions | undefined;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;
  private shutdownFlag = false;
  private deadLetterCount = 0;

  /** Every `@troupe.*` event: spawn, stop, restart, fail, message, drop, state, task, link, log. */
  readonly inspect$: Observable<InspectionEvent> = this.inspectSubject.asObservable();
  /** Every message that was not delivered, with the reason. */
  readonly deadLetters$: Observable<DeadLetter> = this.deadLetterSubject.asObservable();

  constructor(options: SystemOptions = {}) {
    this.node = options.node ?? 'local';
    if (!isValidSegment(this.node)) throw new TroupeError('INVALID_OPTIONS', `invalid node name ${JSON.stringify(this.node)}`);
    this.clock = options.clock ?? realClock;
    this.store = options.store ?? memoryStore();
    this.codec = options.codec ?? jsonCodec;
    this.random = options.random ?? Math.random;
    this.agentMailbox = options.mailbox;
    this.internals = this.makeInternals();
    this.root = this.makeCell(null, '', guardianBehavior, undefined);
    this.agents = this.makeCell(this.root, 'agents', guardianBehavior, options.supervision ? { supervision: options.supervision } : undefined);
    this.pluginsCell = this.makeCell(this.root, 'plugins', guardianBehavior, undefined);
    this.agents.guardian = true;
    this.pluginsCell.guardian = true;
  }

  /** Number of live actors (guardians included). */
  get size(): number {
    return this.registry.size;
  }

  /** Dead letters so far. */
  get deadLetterTotal(): number {
    return this.deadLetterCount;
  }

  /**
   * Spawns an actor. O(1): the child goes into its parent's own Map and the registry.
   *
   * @example
   * const ref = system.spawn(Echo, { name: 'echo' });
   */
  spawn(target: Spawnable, options?: SpawnOptions): ActorRef {
    if (this.shutdownFlag) throw new TroupeError('SHUTDOWN', 'the system is shutting down');
    const parent = options?.parent ? this.cellOf(options.parent) : this.agents;
    const name = options?.name ?? nextId('a');
    if (!isValidSegment(name)) throw new TroupeError('INVALID_OPTIONS', `invalid actor name ${JSON.stringify(name)}: use letters, digits and . _ ~ @ : + -`);
    if (parent.child(name)) throw new TroupeError('NAME_TAKEN', `${parent.address}/${name} already exists`);
    const opts = parent === this.agents && !options?.mailbox && this.agentMailbox ? { ...options, mailbox: this.agentMailbox } : options;
    return this.makeCell(parent, name, target, opts).ref;
  }

  /** Stops an actor and its children (bottom-up). Resolves when it is gone. */
  stop(ref: ActorRef): Promise<void> {
    const cell = this.registry.get(ref.address);
    return cell ? cell.stop('stopped by request') : Promise.resolve();
  }

  /** The ref of a live local actor, or undefined. */
  lookup(address: string): ActorRef | undefined {
    return this.registry.get(address)?.ref;
  }

  /**
   * A ref for any address: the live actor's, or one that turns every message into an
   * `unknown-address` dead letter (and every ask into `TroupeError('UNKNOWN_ADDRESS')`).
   */
  refFor(address: string): ActorRef {
    const live = this.lookup(address);
    if (live) return live;
    parseAddress(address);
    return deadRef(address, (m, sender) => this.deadLetter(m, address, 'unknown-address', sender));
  }

  /**
   * The lifecycle machine of a local actor, for code outside its handlers (a socket or timer
   * callback of a plugin) to feed it events. Undefined for unknown actors and actors without one.
   *
   * @example
   * system.lifecycleOf(link)?.send({ type: 'LINK_DOWN', error: 'socket closed' });
   */
  lifecycleOf(ref: ActorRef): LifecycleHandle | undefined {
    return this.registry.get(ref.address)?.externalLifecycle();
  }

  /** Card (descriptive data) of a local actor, e.g. an agent card. */
  cardOf(ref: ActorRef): Readonly<Record<string, unknown>> | undefined {
    return this.registry.get(ref.address)?.card;
  }

  /** Direct children of the agents guardian (the user's top-level agents). */
  agentRefs(): ActorRef[] {
    return [...(this.agents.children?.values() ?? [])].map((c) => c.ref);
  }

  /** The address of the agents guardian. */
  get agentsAddress(): string {
    return this.agents.address;
  }

  /**
   * Connects to a remote agent through the plugin that owns the target: `acp://…` links, `{ command }`
   * subprocesses… The result is an ActorRef like any other. Which targets and options type-check is
   * declared by the loaded plugin packages (`ConnectTargets`), and so is the type of ref it gives.
   */
  readonly connect: ConnectFn = ((target: RawConnectTarget, options?: Readonly<Record<string, unknown>>) => this.connectTo(target, options)) as unknown as ConnectFn;

  private async connectTo(target: RawConnectTarget, options: Readonly<Record<string, unknown>> | undefined): Promise<ActorRef> {
    const connector = this.connectorFor(target);
    if (!connector) {
      const what = typeof target === 'string' ? `'${target.split(':')[0] ?? ''}:' targets` : 'this target';
      throw new TroupeError('NO_CONNECTOR', `no plugin handles ${what}; known: ${this.connectors.map((c) => c.scheme ?? '(object)').join(', ') || 'none'}`);
    }
    try {
      return await connector.connect(target, options);
    } catch (err) {
      if (err instanceof TroupeError) throw err;
      throw new TroupeError('CONNECT_FAILED', `could not connect to ${typeof target === 'string' ? target : JSON.stringify(target)}: ${toError(err).message}`, { cause: err });
    }
  }

  /**
   * Starts plugins in order (also on a running system). If one fails, the plugins this call started
   * are stopped again (last first) with their actors, and the call rejects with PLUGIN_FAILED;
   * everything that ran before is left running.
   */
  async startPlugins(plugins: readonly Plugin[]): Promise<void> {
    const started: { plugin: Plugin; supervisor: Cell }[] = [];
    for (const plugin of plugins) {
      if (this.pluginsCell.child(plugin.name)) throw new TroupeError('NAME_TAKEN', `a plugin named ${plugin.name} is already running`);
      const supervisor = this.makeCell(this.pluginsCell, plugin.name, guardianBehavior, undefined);
      supervisor.guardian = true;
      try {
        await plugin.start(this.hostFor(plugin, supervisor.ref));
      } catch (err) {
        const error = toError(err);
        this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'failed', error });
        await supervisor.stop('plugin failed to start');
        for (const done of started.reverse()) await this.stopPlugin(done.plugin, done.supervisor);
        throw new TroupeError('PLUGIN_FAILED', `plugin ${plugin.name} failed to start: ${error.message}`, { cause: error });
      }
      started.push({ plugin, supervisor });
      this.startedPlugins.push(plugin);
      this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'started' });
    }
  }

  private async stopPlugin(plugin: Plugin, supervisor: Cell): Promise<void> {
    try {
      await plugin.stop();
      this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'stopped' });
    } catch (err) {
      this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'failed', error: toError(err) });
    }
    this.startedPlugins.splice(this.startedPlugins.indexOf(plugin), 1);
    await supervisor.stop('plugin stopped');
  }

  /** Plugins started so far, in start order. */
  get plugins(): readonly Plugin[] {
    return this.startedPlugins;
  }

  /**
   * Graceful shutdown: lets mailboxes drain until `deadlineMs`, stops plugins (last started first),
   * then stops every actor bottom-up; what is still queued becomes `shutdown` dead letters and
   * pending asks end with `TroupeError('SHUTDOWN')`. Finally closes the store. Idempotent.
   */
  shutdown(options: ShutdownOptions = {}): Promise<void> {
    this.closing ??= this.doShutdown(options.deadlineMs ?? 5_000);
    return this.closing;
  }

  private async doShutdown(deadlineMs: number): Promise<void> {
    await this.whenIdle(deadlineMs);
    this.shutdownFlag = true;
    for (const plugin of [...this.startedPlugins].reverse()) {
      try {
        await plugin.stop();
        this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'stopped' });
      } catch (err) {
        this.emit({ type: '@troupe.plugin', plugin: plugin.name, state: 'failed', error: toError(err) });
      }
    }
    this.startedPlugins.length = 0;
    await this.root.stop('shutdown');
    await this.store.close();
    this.inspectSubject.complete();
    this.deadLetterSubject.complete();
  }

  /** Resolves when no accepted message is queued or being handled, or after `deadlineMs`. */
  whenIdle(deadlineMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.clock.clearTimeout(timer);
        resolve();
      };
      const timer = this.clock.setTimeout(finish, deadlineMs);
      this.idleWaiters.push(finish);
    });
  }

  /**
   * Called a microtask after the count of work reached zero. An ask completes its asker's stream
   * synchronously after counting its message done, and the asker may ask the next actor in the
   * same call (a pipeline does): that work counts too, so idle is judged only once the call
   * stack has unwound, else shutdown would stop the system between two stages of one answer.
   */
  private wakeIdleWaiters(): void {
    if (this.pending !== 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private connectorFor(target: RawConnectTarget): Connector | undefined {
    if (typeof target === 'string') {
      const colon = target.indexOf(':');
      const scheme = colon > 0 ? target.slice(0, colon) : '';
      return this.connectors.find((c) => c.scheme === scheme);
    }
    return this.connectors.find((c) => c.matches?.(target) ?? false);
  }

  private hostFor(plugin: Plugin, supervisor: ActorRef): PluginHost {
    return {
      system: this,
      supervisor,
      store: this.store,
      clock: this.clock,
      codec: this.codec,
      spawn: (target, options) => this.spawn(target, { ...options, parent: options?.parent ?? supervisor }),
      registerConnector: (connector) => this.connectors.push(connector),
      emit: (event) => this.emit(event),
      log: (level, msg, data) => this.emit(data ? { type: '@troupe.log', source: plugin.name, level, msg, data } : { type: '@troupe.log', source: plugin.name, level, msg }),
      deadLetter: (message, detail) => this.deadLetter(message, supervisor.address, 'rejected', message.from, detail),
    };
  }

  private cellOf(ref: ActorRef): Cell {
    const cell = this.registry.get(ref.address);
    if (!cell) throw new TroupeError('UNKNOWN_ADDRESS', `no live actor at ${ref.address}`);
    return cell;
  }

  private makeCell(parent: Cell | null, name: string, target: Spawnable, options: SpawnOptions | undefined): Cell {
    const address = parent ? `${parent.address}/${name}` : formatAddress({ node: this.node, path: '' });
    const cell = new Cell(this.internals, parent, name, address, target, options);
    parent?.adopt(cell);
    this.registry.set(address, cell);
    if (this.inspectSubject.observed) this.emit({ type: '@troupe.spawn', address, parent: parent?.address });
    cell.start();
    return cell;
  }

  /** Emits an inspection event (stamped with the clock). */
  emit(event: InspectionInput): void {
    if (this.inspectSubject.observed) this.inspectSubject.next({ ...event, ts: this.clock.now() } as InspectionEvent);
  }

  deadLetter(message: Message, target: string, reason: DeadLetterReason, sender: string | undefined, detail?: string): void {
    this.deadLetterCount += 1;
    const dl: DeadLetter = detail === undefined
      ? { message, target, reason, sender, ts: this.clock.now() }
      : { message, target, reason, sender, ts: this.clock.now(), detail };
    this.deadLetterSubject.next(dl);
    this.emit({ type: '@troupe.drop', deadLetter: dl });
  }

  private makeInternals(): SystemInternals {
    const inspect = this.inspectSubject;
    const isShuttingDown = (): boolean => this.shutdownFlag;
    return {
      node: this.node,
      clock: this.clock,
      facade: this,
      get inspecting() { return inspect.observed; },
      get shuttingDown() { return isShuttingDown(); },
      random: () => this.random(),
      schedule: (r: Runnable) => this.scheduler.schedule(r),
      emit: (e) => this.emit(e),
      deadLetter: (m, t, r, s) => this.deadLetter(m, t, r, s),
      unregister: (address) => this.registry.delete(address),
      workStarted: () => { this.pending += 1; },
      workFinished: () => {
        this.pending -= 1;
        if (this.pending === 0 && this.idleWaiters.length > 0) queueMicrotask(() => this.wakeIdleWaiters());
      },
    };
  }
}

/**
 * Creates and starts an actor system with its plugins.
 *
 * @example
 * const system = await createSystem({ plugins: [] });
 * const echo = system.spawn((msg) => msg.parts);
 * echo.ask('hi').subscribe(console.log);
 */
export async function createSystem(options: SystemOptions = {}): Promise<ActorSystem> {
  const system = new ActorSystem(options);
  if (options.plugins?.length) {
    try {
      await system.startPlugins(options.plugins);
    } catch (err) {
      // Nothing of this system is in use yet: take it down whole.
      await system.shutdown({ deadlineMs: 0 });
      throw err;
    }
  }
  return system;
}
