import type { Observable } from 'rxjs';
import type { AnyStateMachine } from 'xstate';
import type { LifecycleEvent } from '../lifecycle/lifecycle-host.js';
import type { Message, MessageInput } from './message.js';
import type { Part } from './part.js';

/**
 * Where a message came from, set by the plugin that received it: the protocol plus whatever that
 * protocol lets the handler do back (call the client, see the session). Opaque to the runtime.
 */
export interface Origin {
  readonly protocol: string;
  readonly [key: string]: unknown;
}

/** Options of `tell` and `send`. */
export interface SendOptions {
  readonly sender?: ActorRef | undefined;
  readonly origin?: Origin | undefined;
}

/** Options of `ask`. */
export interface AskOptions extends SendOptions {
  /** Fail with `TroupeError('ASK_TIMEOUT')` if the stream has not completed by then. */
  readonly timeoutMs?: number;
  /**
   * Cancels the handler (its `ctx.signal` aborts) without unsubscribing: whatever it still emits
   * while winding down keeps flowing until it completes. Unsubscribing cancels and stops the stream.
   */
  readonly signal?: AbortSignal;
  /**
   * Back-pressure from the consumer: called after each part of an async-iterable answer; while the
   * promise it returns is pending, the handler's next part is not pulled. For slow sinks (a pipe
   * whose reader stopped reading).
   */
  readonly ready?: () => PromiseLike<void> | void;
}

/**
 * Something that happened to one actor, on `ref.events$`. `restart` comes once the new
 * incarnation runs (after its start hook), not when the supervisor decides to restart.
 */
export type ActorEvent =
  | { readonly type: 'state'; readonly value: string; readonly previous: string }
  | { readonly type: 'restart'; readonly attempt: number }
  | { readonly type: 'stopped'; readonly reason: string };

/**
 * A handle to an actor, local or remote; both look the same.
 *
 * @example
 * ref.tell('hello');
 * ref.ask('summarize this').subscribe((part) => render(part));
 */
export interface ActorRef {
  readonly address: string;
  readonly name: string;
  /**
   * Fire-and-forget. Returns false when the mailbox refused the message (it is a dead letter).
   * With a `sender`, the handler's answer (returned or `ctx.reply`) goes to the sender as a reply
   * message (role `agent`, `replyTo` set); the answer to a message that is itself a reply is dropped.
   */
  tell(message: MessageInput, options?: SendOptions): boolean;
  /** Like tell, but waits for room in a full `backpressure` mailbox instead of refusing. */
  send(message: MessageInput, options?: SendOptions): Promise<void>;
  /** Cold stream of the reply parts; unsubscribing cancels the handler (its `signal` fires). */
  ask(message: MessageInput, options?: AskOptions): Observable<Part>;
  /** Lifecycle state changes, restarts and the final stop of this actor. */
  readonly events$: Observable<ActorEvent>;
  /** Current lifecycle state (`idle`, `busy`, …; `stopped` once gone). */
  readonly state: string;
}

/**
 * What a handler may return; every form becomes the reply stream of an ask. Anything else (or an
 * item that is not a Part) ends the ask with `TroupeError('INVALID_PART')` and counts as a failure.
 */
export type HandlerResult =
  | void
  | undefined
  | string
  | Part
  | readonly Part[]
  | Iterable<Part | string>
  | Promise<unknown>
  | AsyncIterable<Part | string>
  | Observable<Part | string>;

/** The lifecycle machine of the current actor, for domain events (`COMPLETE`, `CANCEL`…). */
export interface LifecycleHandle {
  readonly value: string;
  readonly context: unknown;
  send(event: LifecycleEvent): void;
}

/** What a behavior's `start` receives. */
export interface StartContext {
  readonly self: ActorRef;
  readonly system: SystemFacade;
  readonly lifecycle: LifecycleHandle | undefined;
  spawn(target: Spawnable, options?: SpawnOptions): ActorRef;
}

/** What a handler receives besides the message. A fresh one per message. */
export interface ActorContext extends StartContext {
  readonly message: Message;
  readonly sender: ActorRef | undefined;
  readonly origin: Origin | undefined;
  /** Fires when the asker unsubscribes, the ask times out, or the actor stops or restarts. */
  readonly signal: AbortSignal;
  /** Emits parts on the asker's stream (or tells them to the sender as a reply message). */
  reply(...parts: (Part | string)[]): void;
  /** Emits a progress part on the asker's stream and a `@troupe.progress` inspection event. */
  progress(note: string, ratio?: number): void;
  tell(target: ActorRef, message: MessageInput): boolean;
  send(target: ActorRef, message: MessageInput): Promise<void>;
  /** Asks another actor, passing this message's origin and signal along. */
  ask(target: ActorRef, message: MessageInput, options?: AskOptions): Observable<Part>;
}

/**
 * What the runtime hosts. `receive` handles one message; the others are optional.
 */
export interface Behavior {
  receive(message: Message, ctx: ActorContext): HandlerResult;
  start?(ctx: StartContext): void | Promise<void>;
  stop?(): void | Promise<void>;
  /** Descriptive data plugins publish (an agent card). */
  readonly card?: Readonly<Record<string, unknown>>;
  /** A lifecycle machine to host for this actor, fed the runtime's lifecycle events. */
  readonly lifecycle?: AnyStateMachine;
  /** Input of the lifecycle machine (machines with context). */
  readonly lifecycleInput?: unknown;
  /** Defaults the spawner may override. */
  readonly defaults?: Pick<SpawnOptions, 'mailbox' | 'supervision' | 'concurrency'>;
}

/** A factory of behaviors: a fresh instance on every (re)start. Agent classes are one. */
export interface BehaviorFactory {
  createBehavior(): Behavior;
}

/** A plain handler function: the smallest actor. */
export type ReceiveFunction = (message: Message, ctx: ActorContext) => HandlerResult;

/** Anything `spawn` accepts. */
export type Spawnable = BehaviorFactory | Behavior | ReceiveFunction;

/** What to do when a mailbox is full. */
export type MailboxPolicy = 'backpressure' | 'drop-oldest' | 'drop-newest' | 'fail';

/** Mailbox settings of one actor. */
export interface MailboxOptions {
  /** Most messages waiting at once. Default 10,000. */
  readonly capacity?: number;
  /** Default `backpressure`: `tell` refuses when full, `send` and `ask` wait for room. */
  readonly policy?: MailboxPolicy;
}

/** How a supervisor treats a failing child. */
export type SupervisionStrategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/** What to do about one failure. */
export type Directive = 'restart' | 'resume' | 'stop' | 'escalate';

/** Whether a supervisor may give up on a child that keeps failing (see `SpawnOptions.restart`). */
export type RestartPolicy = 'limited' | 'permanent';

/** Supervision of an actor's children. */
export interface SupervisionOptions {
  readonly strategy?: SupervisionStrategy;
  /** Restart intensity: at most `maxRestarts` within `withinMs`, else escalate. Default 10 in 60 s. */
  readonly maxRestarts?: number;
  readonly withinMs?: number;
  /** Exponential backoff between restarts, with jitter (fraction, 0–1). */
  readonly backoff?: { readonly minMs?: number; readonly maxMs?: number; readonly factor?: number; readonly jitter?: number };
  /** Picks the directive per error. Default: always `restart`. */
  readonly decide?: (error: Error, child: ActorRef) => Directive;
}

/** Options of `spawn`. */
export interface SpawnOptions {
  /** Path segment; unique among siblings. Default: a generated id. */
  readonly name?: string;
  /** Parent actor (its supervisor). Default: the system's `agents` guardian. */
  readonly parent?: ActorRef;
  readonly mailbox?: MailboxOptions;
  /** How this actor supervises its own children. */
  readonly supervision?: SupervisionOptions;
  /**
   * How this actor's parent treats its restart intensity. `limited` (default): more than
   * `maxRestarts` within `withinMs` escalates (a top-level actor is then stopped for good).
   * `permanent`: never given up on — past the limit it keeps restarting, each time after the
   * backoff cap (`backoff.maxMs`, with jitter). For actors a node exists to serve, such as the
   * agent a relay node hosts. An explicit `decide` directive (`stop`, `escalate`) still applies.
   */
  readonly restart?: RestartPolicy;
  /** Messages handled at once. Default 1 (one at a time, in order). */
  readonly concurrency?: number;
}

/** The part of the system every actor can use. */
export interface SystemFacade {
  readonly node: string;
  spawn(target: Spawnable, options?: SpawnOptions): ActorRef;
  lookup(address: string): ActorRef | undefined;
  stop(ref: ActorRef): Promise<void>;
}
