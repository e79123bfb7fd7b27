import { Subject, type Observable } from 'rxjs';
import { hostMachine, type LifecycleHost } from '../lifecycle/lifecycle-host.js';
import { Envelope } from '../mailbox/envelope.js';
import { Mailbox } from '../mailbox/mailbox.js';
import { WaitQueue } from '../mailbox/wait-queue.js';
import type {
  ActorEvent, Behavior, LifecycleHandle, MailboxPolicy, SpawnOptions, Spawnable, StartContext,
  SupervisionOptions, SystemFacade,
} from '../types/actor.js';
import type { DeadLetterReason } from '../types/dead-letter.js';
import { TroupeError, toError } from '../types/troupe-error.js';
import type { SystemInternals } from './internals.js';
import { abortEnvelope, MessageContext, type ContextHost } from './message-context.js';
import { Turn, type TurnHost } from './turn.js';
import { pump, type PumpHandle } from './result-pump.js';
import type { Runnable } from './scheduler.js';
import { ExternalLifecycle } from './external-lifecycle.js';
import { LocalRef } from './local-ref.js';
import { behaviorOf } from './behavior-of.js';
import { superviseFailure } from '../supervision/supervise-failure.js';

// Status of a cell. Plain numbers (not an enum) to stay cheap in hot checks.
const STARTING = 0;
const RUNNING = 1;
const SUSPENDED = 2;
const STOPPING = 3;
const STOPPED = 4;
const STATUS_NAMES = ['starting', 'idle', 'restarting', 'stopping', 'stopped'];

const DEFAULT_CAPACITY = 10_000;

/** Callbacks the supervisor side of the parent implements. */
interface ParentLink {
  childFailed(child: Cell, error: Error): void;
  childStopped(child: Cell): void;
}

/**
 * One actor: its behavior, bounded mailbox, lifecycle machine and children. The runtime's unit of
 * scheduling and supervision. Children live in this cell's own Map (spawn and stop are O(1)).
 *
 * ```
 *  starting ──started──▶ running ◀──────────────┐
 *     │                    │ handler failed      │ restarted after backoff
 *     │                    ▼                     │
 *     └──failed──▶ suspended (supervisor decides)┘──stop──▶ stopping ──▶ stopped
 * ```
 */
export class Cell implements Runnable, ContextHost, ParentLink, TurnHost {
  status = STARTING;
  scheduled = false;
  behavior: Behavior | null = null;
  mailbox: Mailbox | null = null;
  children: Map<string, Cell> | null = null;
  /** Restart timestamps, kept for the parent's restart-intensity check. */
  restartTimes: number[] | null = null;
  readonly ref: LocalRef;
  private lifecycleHost: LifecycleHost | null = null;
  private inFlight = 0;
  private active: Map<Envelope, PumpHandle | undefined> | null = null;
  private waiters: WaitQueue | null = null;
  private restartTimer: unknown = undefined;
  /** Set by `restart` until the new incarnation runs; then reported as `@troupe.restart`. */
  private pendingRestart: { readonly attempt: number; readonly delayMs: number } | null = null;
  private stopping: Promise<void> | null = null;
  private events: Subject<ActorEvent> | null = null;
  private readonly capacity: number;
  private readonly policy: MailboxPolicy;
  private readonly concurrency: number;
  readonly supervision: SupervisionOptions | undefined;
  /** Restarted past the parent's restart intensity instead of escalating (`restart: 'permanent'`). */
  readonly permanent: boolean;
  /** Top-level cells (agents, plugins) stop a child whose failures escalate, instead of failing. */
  guardian = false;
  readonly card: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly sys: SystemInternals,
    readonly parent: Cell | null,
    readonly name: string,
    readonly address: string,
    private readonly spawnable: Spawnable,
    options: SpawnOptions | undefined,
  ) {
    this.ref = new LocalRef(this);
    const first = behaviorOf(spawnable);
    const defaults = first.defaults;
    this.capacity = options?.mailbox?.capacity ?? defaults?.mailbox?.capacity ?? DEFAULT_CAPACITY;
    this.policy = options?.mailbox?.policy ?? defaults?.mailbox?.policy ?? 'backpressure';
    this.concurrency = options?.concurrency ?? defaults?.concurrency ?? 1;
    this.supervision = options?.supervision ?? defaults?.supervision;
    this.permanent = options?.restart === 'permanent';
    this.card = first.card;
    this.hostLifecycle(first);
    this.behavior = first;
  }

  private hostLifecycle(behavior: Behavior): void {
    if (!behavior.lifecycle) return;
    const host = hostMachine(behavior.lifecycle, behavior.lifecycleInput, this.sys.clock);
    host.onChange = (value, previous) => this.stateChanged(value, previous);
    host.onError = (error) => this.crash(error);
    this.lifecycleHost = host;
  }

  get system(): SystemFacade {
    return this.sys.facade;
  }

  /** Current state name: the lifecycle machine's if there is one. */
  get state(): string {
    if (this.lifecycleHost) return this.status === STOPPED ? 'stopped' : this.lifecycleHost.value;
    if (this.status === RUNNING && (this.inFlight > 0 || (this.mailbox?.length ?? 0) > 0)) return 'busy';
    return STATUS_NAMES[this.status] ?? 'unknown';
  }

  get lifecycleHandle(): LifecycleHandle | undefined {
    return this.lifecycleHost ?? undefined;
  }

  get gone(): boolean {
    return this.status === STOPPED;
  }

  /** A lifecycle handle for code outside this actor's handlers (`system.lifecycleOf`). */
  externalLifecycle(): LifecycleHandle | undefined {
    return this.lifecycleHost ? new ExternalLifecycle(this) : undefined;
  }

  get events$(): Observable<ActorEvent> {
    this.events ??= new Subject<ActorEvent>();
    return this.events.asObservable();
  }

  // ---- starting -----------------------------------------------------------------------------

  /** Starts the current behavior (a fresh one from the factory after a restart). */
  start(): void {
    const behavior = (this.behavior ??= behaviorOf(this.spawnable));
    // A machine that errored accepts no events any more; the new incarnation gets a fresh one.
    if (this.lifecycleHost?.broken) this.hostLifecycle(behavior);
    this.status = STARTING;
    let started: void | Promise<void>;
    try {
      started = behavior.start?.(this.startContext());
    } catch (err) {
      this.crash(toError(err));
      return;
    }
    if (started && typeof (started as Promise<void>).then === 'function') {
      (started as Promise<void>).then(() => this.running(), (err: unknown) => this.crash(toError(err)));
    } else {
      this.running();
    }
  }

  private running(): void {
    if (this.status !== STARTING) return;
    this.status = RUNNING;
    this.lifecycleHost?.send({ type: 'STARTED' });
    const restarted = this.pendingRestart;
    if (restarted) {
      // Without a lifecycle machine, a failure and its recovery are the only state changes reported.
      if (!this.lifecycleHost) this.stateChanged(this.state, STATUS_NAMES[SUSPENDED] as string);
      // Reported once the new incarnation runs (its start hook done), not when it was decided:
      // `@troupe.fail` with directive `restart` and the `restarting` state say that earlier.
      this.pendingRestart = null;
      this.sys.emit({ type: '@troupe.restart', address: this.address, attempt: restarted.attempt, delayMs: restarted.delayMs });
      this.events?.next({ type: 'restart', attempt: restarted.attempt });
    }
    if ((this.mailbox?.length ?? 0) > 0) {
      this.lifecycleHost?.send({ type: 'WORK' });
      this.sys.schedule(this);
    }
  }

  private startContext(): StartContext {
    return {
      self: this.ref,
      system: this.sys.facade,
      lifecycle: this.lifecycleHandle,
      spawn: (target, options) => this.sys.facade.spawn(target, { ...options, parent: this.ref }),
    };
  }

  // ---- mailbox ------------------------------------------------------------------------------

  /** Accepts an envelope or says why not. Returns false when refused (a dead letter was recorded). */
  enqueue(env: Envelope): boolean {
    if (this.status >= STOPPING) {
      this.reject(env, this.sys.shuttingDown ? 'shutdown' : 'stopped');
      return false;
    }
    const mb = (this.mailbox ??= new Mailbox(this.capacity));
    const wasIdle = mb.length === 0 && this.inFlight === 0;
    if (!mb.push(env)) {
      if (this.policy === 'drop-oldest') {
        const old = mb.shift() as Envelope;
        this.reject(old, 'dropped-oldest');
        this.sys.workFinished();
        mb.push(env);
      } else {
        this.reject(env, 'mailbox-full');
        if (this.policy === 'fail') throw new TroupeError('MAILBOX_FULL', `mailbox of ${this.address} is full (${this.capacity})`);
        return false;
      }
    }
    this.sys.workStarted();
    if (this.status === RUNNING) {
      if (wasIdle) this.lifecycleHost?.send({ type: 'WORK' });
      if (this.inFlight < this.concurrency) this.sys.schedule(this);
    }
    return true;
  }

  /** Enqueues, waiting for room when a backpressure mailbox is full. */
  enqueueWaiting(env: Envelope): Promise<void> {
    if (this.policy !== 'backpressure' || this.status >= STOPPING || !(this.mailbox?.full ?? false)) {
      try {
        return this.enqueue(env) ? Promise.resolve() : Promise.reject(new TroupeError(this.status >= STOPPING ? 'ACTOR_STOPPED' : 'MAILBOX_FULL', `${this.address} did not accept the message`));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return (this.waiters ??= new WaitQueue()).wait(env);
  }

  /** An ask's envelope: on a full backpressure mailbox it waits; otherwise like tell. */
  enqueueAsk(env: Envelope): void {
    this.enqueueWaiting(env).catch((err: unknown) => {
      if (env.sink && !env.sink.closed) env.sink.error(err);
    });
  }

  private reject(env: Envelope, reason: DeadLetterReason): void {
    this.sys.deadLetter(env.message, this.address, reason, env.sender?.address);
    if (env.sink && !env.sink.closed) {
      const code = reason === 'mailbox-full' || reason === 'dropped-oldest' ? 'MAILBOX_FULL' : reason === 'shutdown' ? 'SHUTDOWN' : 'ACTOR_STOPPED';
      env.sink.error(new TroupeError(code, `${this.address} did not take the message (${reason})`));
    }
  }

  private admitWaiters(): void {
    const mb = this.mailbox;
    if (!this.waiters || !mb) return;
    this.waiters.admit(() => !mb.full, (env) => this.enqueue(env));
    if (this.waiters.length === 0) this.waiters = null;
  }

  /** The asker unsubscribed. */
  cancel(env: Envelope): void {
    if (env.settled) return;
    env.cancelled = true;
    const active = this.active;
    if (active?.has(env)) {
      abortEnvelope(env, new TroupeError('CANCELLED', 'the asker unsubscribed'));
      const handle = active.get(env);
      if (handle?.cancel) {
        handle.cancel();
        this.settleAsync(env);
      }
    }
  }

  // ---- processing ---------------------------------------------------------------------------

  run(budget: number): number {
    const mb = this.mailbox;
    if (!mb) return 0;
    let n = 0;
    while (n < budget && this.status === RUNNING && this.inFlight < this.concurrency) {
      const env = mb.shift();
      if (!env) break;
      if (this.waiters) this.admitWaiters();
      n += 1;
      if (env.cancelled) {
        this.settle(env);
        continue;
      }
      this.invoke(env);
    }
    if (this.status === RUNNING) {
      if (mb.length > 0) {
        if (this.inFlight < this.concurrency) this.sys.schedule(this);
      } else if (this.inFlight === 0) {
        this.lifecycleHost?.send({ type: 'DRAINED' });
      }
    }
    return n;
  }

  private invoke(env: Envelope): void {
    if (this.sys.inspecting) {
      this.sys.emit({ type: '@troupe.message', address: this.address, messageId: env.message.id, kind: env.sink ? 'ask' : 'tell' });
    }
    const turn = new Turn(this, env);
    let handle: PumpHandle | undefined;
    try {
      const result = (this.behavior as Behavior).receive(env.message, new MessageContext(this, env));
      handle = pump(result, turn);
    } catch (err) {
      if (!env.settled) this.handlerFailed(env, toError(err));
      return;
    }
    if (!turn.settledSync && !env.settled) {
      this.inFlight += 1;
      (this.active ??= new Map()).set(env, handle);
    }
  }

  isActive(env: Envelope): boolean {
    return this.active?.has(env) ?? false;
  }

  /** Finishes an envelope: counts it done. */
  settle(env: Envelope): void {
    if (env.settled) return;
    env.settled = true;
    this.sys.workFinished();
  }

  dropActive(env: Envelope): void {
    if (this.active?.delete(env)) this.inFlight -= 1;
  }

  /** An asynchronous handler finished (or was cancelled): free its slot and continue. */
  settleAsync(env: Envelope): void {
    this.dropActive(env);
    this.settle(env);
    if (this.status !== RUNNING) return;
    if ((this.mailbox?.length ?? 0) > 0) this.sys.schedule(this);
    else if (this.inFlight === 0) this.lifecycleHost?.send({ type: 'DRAINED' });
  }

  handlerFailed(env: Envelope, error: Error): void {
    this.settle(env);
    if (env.sink && !env.sink.closed) {
      // Bad output keeps its own code: the asker learns the answer was malformed, not just "failed".
      const code = TroupeError.is(error, 'INVALID_PART') ? 'INVALID_PART' : 'HANDLER_FAILED';
      env.sink.error(new TroupeError(code, `${this.address} failed: ${error.message}`, { cause: error }));
    }
    this.crash(error);
  }

  /** The actor failed: suspend it and let the supervisor decide. */
  crash(error: Error): void {
    if (this.status !== RUNNING && this.status !== STARTING) return;
    const previous = this.state;
    this.status = SUSPENDED;
    if (this.lifecycleHost) this.lifecycleHost.send({ type: 'FAIL', error });
    else this.stateChanged(this.state, previous);
    if (this.parent) this.parent.childFailed(this, error);
    else void this.stop('failed');
  }

  /** Directive `resume`: keep the behavior and its state, go on with the next message. */
  resume(): void {
    if (this.status !== SUSPENDED) return;
    this.lifecycleHost?.send({ type: 'RESUME' });
    this.status = RUNNING;
    if (!this.lifecycleHost) this.stateChanged(this.state, STATUS_NAMES[SUSPENDED] as string);
    if ((this.mailbox?.length ?? 0) > 0) {
      this.lifecycleHost?.send({ type: 'WORK' });
      this.sys.schedule(this);
    }
  }

  // ---- restart and stop ---------------------------------------------------------------------

  /** Replaces the behavior with a fresh one after `delayMs`; the mailbox is kept. */
  restart(delayMs: number, attempt: number): void {
    if (this.status >= STOPPING) return;
    this.status = SUSPENDED;
    this.abortActive(new TroupeError('ACTOR_STOPPED', `${this.address} is restarting`));
    const old = this.behavior;
    this.behavior = null;
    this.lifecycleHost?.send({ type: 'RESTART' });
    this.pendingRestart = { attempt, delayMs };
    const children = this.children ? [...this.children.values()].map((c) => c.stop('parent restarting')) : [];
    const stopped = Promise.all([...children, this.callStop(old)]);
    const again = (): void => {
      void stopped.then(() => {
        if (this.status === SUSPENDED) this.start();
      });
    };
    // No timer for a zero backoff: a Node timer costs at least 1 ms, which would dominate restart latency.
    if (delayMs <= 0) {
      again();
      return;
    }
    this.restartTimer = this.sys.clock.setTimeout(() => {
      this.restartTimer = undefined;
      again();
    }, delayMs);
  }

  /** Stops children first (bottom-up), then this actor. Idempotent. */
  stop(reason = 'stopped'): Promise<void> {
    if (this.stopping) return this.stopping;
    if (this.restartTimer !== undefined) this.sys.clock.clearTimeout(this.restartTimer);
    this.status = STOPPING;
    this.lifecycleHost?.send({ type: 'STOP' });
    const children = this.children;
    const childStops = children && children.size > 0 ? Promise.all([...children.values()].map((c) => c.stop(reason))) : undefined;
    this.stopping = childStops ? childStops.then(() => this.finishStop(reason)) : this.finishStop(reason);
    return this.stopping;
  }

  private async finishStop(reason: string): Promise<void> {
    const why: DeadLetterReason = this.sys.shuttingDown ? 'shutdown' : 'stopped';
    this.abortActive(new TroupeError(why === 'shutdown' ? 'SHUTDOWN' : 'ACTOR_STOPPED', `${this.address} stopped (${reason})`));
    for (const env of this.mailbox?.drain() ?? []) {
      this.settle(env);
      if (!env.cancelled) this.reject(env, why);
    }
    this.waiters?.rejectAll(
      (env) => this.sys.deadLetter(env.message, this.address, why, env.sender?.address),
      () => new TroupeError('ACTOR_STOPPED', `${this.address} stopped before accepting the message`),
    );
    this.waiters = null;
    const behavior = this.behavior;
    this.behavior = null;
    if (behavior?.stop) await this.callStop(behavior);
    this.lifecycleHost?.send({ type: 'STOPPED' });
    this.lifecycleHost?.stop();
    this.status = STOPPED;
    this.sys.unregister(this.address);
    this.parent?.childStopped(this);
    this.sys.emit({ type: '@troupe.stop', address: this.address, reason });
    if (this.events) {
      this.events.next({ type: 'stopped', reason });
      this.events.complete();
    }
  }

  private async callStop(behavior: Behavior | null): Promise<void> {
    if (!behavior?.stop) return;
    try {
      await behavior.stop();
    } catch (err) {
      this.sys.emit({ type: '@troupe.log', source: this.address, level: 'warn', msg: `stop hook failed: ${toError(err).message}` });
    }
  }

  private abortActive(reason: Error): void {
    const active = this.active;
    if (!active || active.size === 0) return;
    this.active = null;
    this.inFlight = 0;
    for (const [env, handle] of active) {
      abortEnvelope(env, reason);
      handle?.cancel?.();
      this.settle(env);
      if (env.sink && !env.sink.closed) env.sink.error(reason);
    }
  }

  private stateChanged(value: string, previous: string): void {
    if (this.sys.inspecting) this.sys.emit({ type: '@troupe.state', address: this.address, value, previous });
    this.events?.next({ type: 'state', value, previous });
  }

  emitProgress(note: string, ratio: number | undefined): void {
    if (this.sys.inspecting) {
      this.sys.emit(ratio === undefined ? { type: '@troupe.progress', address: this.address, note } : { type: '@troupe.progress', address: this.address, note, ratio });
    }
  }

  /** A direct child by name. */
  child(name: string): Cell | undefined {
    return this.children?.get(name);
  }

  /** Records a new child (called by the system on spawn). */
  adopt(child: Cell): void {
    (this.children ??= new Map()).set(child.name, child);
  }

  // ---- supervision (this cell as the parent) ------------------------------------------------

  childStopped(child: Cell): void {
    if (this.children?.get(child.name) === child) this.children.delete(child.name);
  }

  childFailed(child: Cell, error: Error): void {
    superviseFailure(this, child, error);
  }

  /** Restart intensity exceeded or `escalate` chosen: the failure moves up one level. */
  escalate(child: Cell, error: Error): void {
    void child.stop('failed: escalated');
    if (this.guardian || !this.parent) {
      this.sys.emit({ type: '@troupe.log', source: this.address, level: 'error', msg: `${child.address} stopped after repeated failures: ${error.message}` });
      return;
    }
    this.crash(error);
  }
}

