import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';

import type { Clock } from '../ports/clock.js';

/** An event for a lifecycle machine. */
export interface LifecycleEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * The lifecycle machine of one actor, however it is hosted. `value` is the current state name
 * (for nested machines, XState's state value serialized to a dotted string).
 */
export interface LifecycleHost {
  readonly value: string;
  /** True when the machine reached a final state. */
  readonly done: boolean;
  /** True when the machine errored and accepts no more events (a restart replaces it). */
  readonly broken: boolean;
  /** Sends an event; events the current state does not handle are ignored (XState semantics). */
  send(event: LifecycleEvent): void;
  /** The context of machines that have one (undefined for compiled flat machines). */
  readonly context: unknown;
  /** Called after every change of `value`. One listener; the runtime fans out. */
  onChange: ((value: string, previous: string) => void) | undefined;
  /** Called when the machine itself errors (a throwing action or guard): the actor crashes. */
  onError: ((error: Error) => void) | undefined;
  stop(): void;
}

/** Transition table of a flat, context-free machine: state -> event type -> next state. */
interface FlatTable {
  readonly initial: string;
  readonly finals: ReadonlySet<string>;
  readonly next: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const tables = new WeakMap<AnyStateMachine, FlatTable | null>();

interface NodeLike {
  readonly type: string;
  readonly parent?: NodeLike | undefined;
  readonly key: string;
  readonly states: Readonly<Record<string, NodeLike>>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly invoke?: readonly unknown[];
  readonly after?: readonly unknown[];
  readonly always?: readonly unknown[] | undefined;
  readonly transitions: ReadonlyMap<string, readonly { target?: readonly NodeLike[] | undefined; guard?: unknown; actions: readonly unknown[] }[]>;
  readonly initial?: { readonly target: readonly NodeLike[]; readonly actions: readonly unknown[] };
  readonly config: { readonly context?: unknown };
}

const empty = (list: readonly unknown[] | undefined): boolean => list === undefined || list.length === 0;

/**
 * Compiles a machine into a table when it is a pure flat state chart: one level of atomic/final
 * states, no context, actions, guards, delays, invocations or eventless transitions. Then the next
 * state depends only on (state, event type), so hosting it costs one string per actor instead of a
 * live XState actor (~3.6 KB and ~25 µs each, measured). Returns null for any other machine.
 */
export function compileFlatMachine(machine: AnyStateMachine): FlatTable | null {
  if (tables.has(machine)) return tables.get(machine) ?? null;
  // `machine.root` is XState's state-node tree, not public API (CONVENTIONS 16): the test
  // 'compiles a flat machine into a table that agrees with XState on every (state, event)' pins
  // what we read from it against XState's own transition().
  const table = tryCompile(machine.root as unknown as NodeLike);
  tables.set(machine, table);
  return table;
}

function tryCompile(root: NodeLike): FlatTable | null {
  if (root.type !== 'compound' || root.config.context !== undefined) return null;
  if (!empty(root.entry) || !empty(root.exit) || !empty(root.invoke) || !empty(root.always) || root.transitions.size > 0) return null;
  const init = root.initial;
  if (!init || !empty(init.actions) || init.target.length !== 1) return null;
  const finals = new Set<string>();
  const next = new Map<string, Map<string, string>>();
  for (const [key, node] of Object.entries(root.states)) {
    if (node.type !== 'atomic' && node.type !== 'final') return null;
    if (!empty(node.entry) || !empty(node.exit) || !empty(node.invoke) || !empty(node.after) || !empty(node.always)) return null;
    if (node.type === 'final') finals.add(key);
    const row = new Map<string, string>();
    for (const [eventType, defs] of node.transitions) {
      if (eventType.includes('*') || defs.length !== 1) return null;
      const def = defs[0];
      if (!def || def.guard !== undefined || !empty(def.actions)) return null;
      const target = def.target;
      if (!target || target.length !== 1 || target[0]?.parent !== root) return null;
      row.set(eventType, target[0].key);
    }
    next.set(key, row);
  }
  const initial = init.target[0]?.key;
  if (initial === undefined) return null;
  return { initial, finals, next };
}

class TableHost implements LifecycleHost {
  onChange: ((value: string, previous: string) => void) | undefined = undefined;
  onError: ((error: Error) => void) | undefined = undefined;
  value: string;
  constructor(private readonly table: FlatTable) {
    this.value = table.initial;
  }
  get done(): boolean {
    return this.table.finals.has(this.value);
  }
  get broken(): boolean {
    return false;
  }
  get context(): unknown {
    return undefined;
  }
  send(event: LifecycleEvent): void {
    const to = this.table.next.get(this.value)?.get(event.type);
    if (to === undefined || to === this.value) return;
    const from = this.value;
    this.value = to;
    this.onChange?.(to, from);
  }
  stop(): void {}
}

function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  // Nested state values ({ a: 'b' }) become 'a.b'; parallel regions are joined with ','.
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => (v && typeof v === 'object' && Object.keys(v).length === 0 ? k : `${k}.${stateString(v)}`)).join(',');
}

class XStateHost implements LifecycleHost {
  onChange: ((value: string, previous: string) => void) | undefined = undefined;
  onError: ((error: Error) => void) | undefined = undefined;
  value: string;
  private readonly actor: AnyActorRef;
  constructor(machine: AnyStateMachine, input: unknown, clock: Clock) {
    this.actor = createActor(machine, { input, clock });
    this.actor.subscribe({
      next: (snapshot: { value: unknown }) => {
        const v = stateString(snapshot.value);
        if (v === this.value) return;
        const from = this.value;
        this.value = v;
        this.onChange?.(v, from);
      },
      error: (err: unknown) => this.onError?.(err instanceof Error ? err : new Error(String(err))),
    });
    this.actor.start();
    this.value = stateString(this.actor.getSnapshot().value);
  }
  get done(): boolean {
    return this.actor.getSnapshot().status === 'done';
  }
  get broken(): boolean {
    return this.actor.getSnapshot().status === 'error';
  }
  get context(): unknown {
    return this.actor.getSnapshot().context;
  }
  send(event: LifecycleEvent): void {
    // XState warns on the console about events to a stopped actor; a done or errored machine simply
    // takes no more events here.
    if (this.actor.getSnapshot().status !== 'active') return;
    this.actor.send(event);
  }
  stop(): void {
    this.actor.stop();
  }
}

/**
 * Hosts a lifecycle machine: a compiled table for pure flat machines, a real XState actor (on the
 * given clock, so delays follow simulated time in tests) for everything else.
 *
 * @example
 * const host = hostMachine(agentMachine, undefined, realClock);
 * host.send({ type: 'STARTED' }); host.value; // 'idle'
 */
export function hostMachine(machine: AnyStateMachine, input: unknown, clock: Clock): LifecycleHost {
  const table = input === undefined ? compileFlatMachine(machine) : null;
  return table ? new TableHost(table) : new XStateHost(machine, input, clock);
}
