import type { Subscription } from 'rxjs';
import { isValidSegment, type ActorRef, type LifecycleHandle, type PluginHost } from '@troupe/runtime';
import { taskMachine } from '@troupe/actors';
import {
  artifactEvent, formatTimestamp, isTerminalState, newTaskId, statusEvent, transitionOutcome, type EventBody,
  type JsonObject, type Task, type TaskListQuery, type TaskState, type TransitionOrigin, type TransitionOutcome,
} from '@troupe/protocol-relay';
import { oldestToDrop } from '../node/trim-oldest.js';

/** One task: its wire record and the Task actor hosting its `taskMachine`. */
interface TaskEntry {
  readonly task: Task;
  readonly ref: ActorRef;
  readonly handle: LifecycleHandle;
  /** The hosted agent's work on this task; unsubscribing stops the handler (§4.6). */
  work: Subscription | undefined;
  readonly waiters: Set<() => void>;
  /** Suppresses the status event of a creation step that the spec does not report. */
  quiet: boolean;
}

/** How a new task comes to be (§4.3). */
export interface TaskCreation {
  readonly id?: string;
  readonly payload: JsonObject;
  readonly contextId?: string;
  readonly originMessageId?: string;
  readonly peerId?: string;
  readonly fromPeer?: boolean;
  /** `submitted` (POST /tasks, delegate), `working` after `submitted` (create_task), `mirror` (working only). */
  readonly start: 'submitted' | 'working' | 'mirror';
}

/** What a task observer hears: an appended artifact, or the task's new state. */
export type TaskChange =
  | { readonly kind: 'artifact'; readonly artifact: JsonObject }
  | { readonly kind: 'status'; readonly status: TaskState; readonly error: string | undefined };

const EVENT_FOR: Readonly<Record<TaskState, string>> = {
  submitted: '',
  working: 'START',
  input_required: 'NEED_INPUT',
  cancelling: 'CANCEL',
  completed: 'COMPLETE',
  failed: 'FAIL',
  canceled: 'PEER_CANCELED',
};

/**
 * The node's tasks. Each is a Task actor whose lifecycle is `taskMachine`; the machine decides
 * every transition (§4.2) and its state changes become `status` events. The manager keeps the wire
 * record (payload, artifacts, error, counterpart) next to it.
 *
 * @example
 * const tasks = new TaskManager(host, (e) => events.emit(e));
 * const t = tasks.create({ payload: { role: 'user' }, start: 'submitted' });
 * tasks.apply(t.id, 'completed', { origin: 'local' }); // 'change'
 */
export class TaskManager {
  private readonly tasks = new Map<string, TaskEntry>();
  /** Observers by task id; registered by id so a watcher can exist before its task does. */
  private readonly observers = new Map<string, Set<(change: TaskChange) => void>>();
  /** Finished tasks, oldest first, with the bytes each holds (issue 9.4: every remote ask is a task). */
  private readonly finished: { id: string; bytes: number }[] = [];
  private finishedBytes = 0;
  created = 0;

  constructor(
    private readonly host: PluginHost,
    private readonly emit: (body: EventBody) => void,
    private readonly retention: { readonly max: number; readonly bytes: number } = { max: 1_000, bytes: 32 * 1024 * 1024 },
  ) {}

  get(id: string): Task | undefined {
    return this.tasks.get(id)?.task;
  }

  /** Creates a task (or returns the existing one with that id, unchanged). */
  create(c: TaskCreation): { task: Task; existed: boolean } {
    const id = c.id ?? newTaskId();
    const known = this.tasks.get(id);
    if (known) return { task: known.task, existed: true };
    const now = formatTimestamp(this.host.clock.now());
    const task: Task = { id, status: 'submitted', created_at: now, updated_at: now, payload: c.payload, artifacts: [], history: [] };
    if (c.originMessageId !== undefined) task.origin_message_id = c.originMessageId;
    if (c.contextId !== undefined) task.context_id = c.contextId;
    if (c.fromPeer === true) task.from_peer = true;
    if (c.peerId !== undefined) task.peer_id = c.peerId;
    const clock = this.host.clock;
    const ref = this.host.spawn(
      {
        receive: () => undefined,
        lifecycle: taskMachine,
        lifecycleInput: c.contextId === undefined ? { taskId: id, now: () => clock.now() } : { taskId: id, contextId: c.contextId, now: () => clock.now() },
      },
      isValidSegment(id) && id.length <= 120 ? { name: `task~${id}` } : {},
    );
    const handle = this.host.system.lifecycleOf(ref);
    if (!handle) throw new Error('task actor has no lifecycle');
    const entry: TaskEntry = { task, ref, handle, work: undefined, waiters: new Set(), quiet: false };
    this.tasks.set(id, entry);
    this.created += 1;
    ref.events$.subscribe((e) => {
      if (e.type === 'state') this.changed(entry, e.value);
    });
    if (c.start === 'mirror') {
      entry.quiet = true;
      entry.handle.send({ type: 'START' });
      entry.quiet = false;
      this.emit(statusEvent(task, { creation: true }));
    } else {
      this.emit(statusEvent(task, { creation: true }));
      if (c.start === 'working') entry.handle.send({ type: 'START' });
    }
    return { task, existed: false };
  }

  private changed(entry: TaskEntry, value: string): void {
    const task = entry.task;
    if (!isState(value)) return;
    task.status = value;
    task.updated_at = formatTimestamp(this.host.clock.now());
    this.host.emit({ type: '@troupe.task', address: entry.ref.address, taskId: task.id, state: value });
    if (!entry.quiet) this.emit(statusEvent(task));
    this.notify(task.id, { kind: 'status', status: value, error: task.error });
    if (isTerminalState(value)) {
      this.observers.delete(task.id);
      entry.work?.unsubscribe();
      entry.work = undefined;
      for (const w of entry.waiters) w();
      entry.waiters.clear();
      // A terminal task never changes again (§4.2): its record stays, its actor goes.
      setImmediate(() => void this.host.system.stop(entry.ref));
      this.retire(task);
    }
  }

  /**
   * Keeps a finished task's record within the retention bounds: the oldest finished records are
   * forgotten first, running tasks never. Its size is measured once, as JSON, when it finishes.
   */
  private retire(task: Task): void {
    const bytes = JSON.stringify(task.payload).length + JSON.stringify(task.artifacts).length;
    this.finished.push({ id: task.id, bytes });
    this.finishedBytes += bytes;
    const { drop, bytes: left } = oldestToDrop(this.finished, this.finishedBytes, (f) => f.bytes, this.retention.max, this.retention.bytes);
    if (drop === 0) return;
    for (const oldest of this.finished.splice(0, drop)) this.tasks.delete(oldest.id);
    this.finishedBytes = left;
  }

  /**
   * Applies a change through the machine: 'change', 'same' (artifact only) or 'denied' (§4.2).
   * The `status` event precedes the `artifact` event, as upstream orders them.
   */
  apply(id: string, to: TaskState, opts: { origin: TransitionOrigin; artifact?: JsonObject; error?: string }): TransitionOutcome | 'unknown' {
    const entry = this.tasks.get(id);
    if (!entry) return 'unknown';
    const from = entry.task.status;
    const outcome = transitionOutcome(from, to, opts.origin);
    if (outcome === 'denied') return outcome;
    if (opts.artifact !== undefined) {
      entry.task.artifacts.push(opts.artifact);
      entry.handle.send({ type: 'ARTIFACT' });
      // Before the transition: an observer gets a final frame's artifact before its end state.
      this.notify(id, { kind: 'artifact', artifact: opts.artifact });
    }
    if (outcome === 'change') {
      if (to === 'failed') entry.task.error = opts.error ?? 'failed';
      const type = to === 'canceled' && from === 'cancelling' ? 'CANCELED' : to === 'working' && from === 'input_required' ? 'INPUT' : EVENT_FOR[to];
      entry.handle.send(to === 'failed' ? { type, error: entry.task.error ?? 'failed' } : { type });
    }
    if (opts.artifact !== undefined) {
      entry.task.updated_at = formatTimestamp(this.host.clock.now());
      this.emit(artifactEvent(entry.task, opts.artifact));
    }
    return outcome;
  }

  /**
   * Calls `fn` on each artifact appended to task `id` and each state it reaches, until it is
   * terminal (the remote ref of an ask follows its task this way). Returns the unsubscribe.
   */
  observe(id: string, fn: (change: TaskChange) => void): () => void {
    let set = this.observers.get(id);
    if (set === undefined) {
      set = new Set();
      this.observers.set(id, set);
    }
    set.add(fn);
    return () => {
      const current = this.observers.get(id);
      current?.delete(fn);
      if (current?.size === 0) this.observers.delete(id);
    };
  }

  private notify(id: string, change: TaskChange): void {
    const set = this.observers.get(id);
    if (set === undefined) return;
    for (const fn of set) fn(change);
  }

  /** Records the hosted agent's work on a task, so a cancel can stop it. */
  attachWork(id: string, work: Subscription): void {
    const entry = this.tasks.get(id);
    if (entry) entry.work = work;
  }

  /**
   * Two-phase cancel (§4.6): `cancelling`, stop the handler, then `canceled` (at once when nothing
   * runs the task): unsubscribing the hosted agent aborts its `ctx.signal`, which is the
   * acknowledgement, so no grace timer is needed. Returns the state reached.
   */
  cancel(id: string): TaskState | undefined {
    const entry = this.tasks.get(id);
    if (!entry) return undefined;
    if (this.apply(id, 'cancelling', { origin: 'local' }) === 'denied') return entry.task.status;
    const work = entry.work;
    entry.work = undefined;
    work?.unsubscribe();
    if (entry.task.status === 'cancelling') this.apply(id, 'canceled', { origin: 'local' });
    return entry.task.status;
  }

  /** Resolves when the task is terminal, or after `timeoutMs` (false). */
  waitTerminal(id: string, timeoutMs: number): Promise<boolean> {
    const entry = this.tasks.get(id);
    if (!entry) return Promise.resolve(false);
    if (isTerminalState(entry.task.status)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        this.host.clock.clearTimeout(timer);
        resolve(true);
      };
      const timer = this.host.clock.setTimeout(() => {
        entry.waiters.delete(done);
        resolve(false);
      }, timeoutMs);
      entry.waiters.add(done);
    });
  }

  /** `GET /tasks` (§3.6.2): filters, order, and offset or cursor pagination. */
  list(q: TaskListQuery): JsonObject {
    let all = [...this.tasks.values()].map((e) => e.task);
    if (q.status !== undefined) all = all.filter((t) => t.status === q.status);
    if (q.peerId !== undefined) all = all.filter((t) => t.peer_id === q.peerId);
    if (q.createdAfter !== undefined) all = all.filter((t) => t.created_at > (q.createdAfter ?? ''));
    if (q.updatedAfter !== undefined) all = all.filter((t) => t.updated_at > (q.updatedAfter ?? ''));
    all.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    if (q.sort === 'desc') all.reverse();
    const total = all.length;
    if (q.page.mode === 'offset') {
      const page = all.slice(q.page.offset, q.page.offset + q.page.limit);
      const hasMore = q.page.offset + page.length < total;
      return hasMore ? { tasks: page, total, has_more: true, next_offset: q.page.offset + page.length } : { tasks: page, total, has_more: false };
    }
    const cursor = q.page.cursor;
    const start = cursor === undefined ? 0 : all.findIndex((t) => t.id === cursor) + 1;
    const page = all.slice(start, start + q.page.limit);
    const hasMore = start + page.length < total;
    return { tasks: page, count: page.length, total, has_more: hasMore, next_cursor: hasMore ? (page[page.length - 1]?.id ?? null) : null };
  }

  /** Stops every task actor (node shutdown). */
  stop(): void {
    for (const e of this.tasks.values()) e.work?.unsubscribe();
  }
}

function isState(v: string): v is TaskState {
  return v in EVENT_FOR;
}
