import { assertEvent, assign, setup } from 'xstate';

/** Transitions shared by the live states (submitted, working, input_required), per §4.2. */
const LIVE = {
  START: 'working',
  NEED_INPUT: 'input_required',
  ARTIFACT: { actions: 'countArtifact' },
  CANCEL: 'cancelling',
  PEER_CANCELED: 'canceled',
  COMPLETE: 'completed',
  FAIL: { target: 'failed', actions: 'setError' },
} as const;

/**
 * Lifecycle of one task, following acp-relay.md §4.1–4.6; ACP prompt-turn cancellation
 * (agent-client-protocol.md §13.1) uses the same two phases.
 *
 * ```
 *                 START               NEED_INPUT
 *  (submitted) ─────────▶  working  ─────────────▶  input_required
 *       │                           ◀─────────────
 *       │ NEED_INPUT                 START / INPUT         ▲
 *       └──────────────────────────────────────────────────┘
 *
 *   submitted | working | input_required ── CANCEL ──▶ cancelling ── CANCELED ──▶ ((canceled))
 *
 *   submitted | working | input_required | cancelling ── COMPLETE ──────▶ ((completed))
 *                                                     ── FAIL ──────────▶ ((failed))
 *                                                     ── PEER_CANCELED ─▶ ((canceled))
 * ```
 *
 * Events mapped onto the allowed-transitions table of §4.2 ("to" column per event):
 *
 * | state \ event  | START   | INPUT   | NEED_INPUT | ARTIFACT | CANCEL     | CANCELED | PEER_CANCELED | COMPLETE  | FAIL   |
 * | -------------- | ------- | ------- | ---------- | -------- | ---------- | -------- | ------------- | --------- | ------ |
 * | submitted      | working | ✗       | input_req. | —        | cancelling | ✗        | canceled      | completed | failed |
 * | working        | —       | ✗       | input_req. | —        | cancelling | ✗        | canceled      | completed | failed |
 * | input_required | working | working | —          | —        | cancelling | ✗        | canceled      | completed | failed |
 * | cancelling     | ✗       | ✗       | ✗          | —        | —          | canceled | canceled      | completed | failed |
 * | terminal       | ✗       | ✗       | ✗          | ✗        | ✗          | ✗        | ✗             | ✗         | ✗      |
 *
 * "—" is §4.2's same-state cell: allowed, the state stays, no `status` event; `snapshot.can(event)`
 * is true. "✗" is disallowed: the state and context stay and `snapshot.can(event)` is false, which
 * the relay plugin turns into 409 `ERR_INVALID_STATE` (or ignores, for a peer's `task.updated`).
 *
 * - Nothing returns to `submitted`; terminal states are final (§4.2).
 * - INPUT is `:continue` (or an inbound `acp.message` for an `input_required` task, §4.4): only from
 *   `input_required` (§3.6.6). START is a plain "status working" update, which §4.2 also allows
 *   from `input_required`.
 * - "peer only" (§4.2): a direct move to `canceled` is PEER_CANCELED, sent when applying a peer's
 *   `task.updated {status: "canceled"}` for a task no local handler runs. Locally, cancellation
 *   always passes through `cancelling` (§4.6): CANCEL, then CANCELED when the handler acknowledges,
 *   at once if none runs, or when the host's grace timer (`cancel_grace_ms`, ACP `cancelGraceMs`)
 *   fires. §4.6.4: a peer's cancel for a task this node works on is CANCEL + CANCELED too.
 * - From `cancelling`, COMPLETE and FAIL are legal ("if the work finishes first", §4.6.2). ACP
 *   differs: once `session/cancel` arrived, the turn ends `cancelled` however the actor settles
 *   (§13.1 rule 4), so the stdio plugin sends CANCELED where the relay plugin sends COMPLETE.
 * - ARTIFACT appends an artifact in any non-terminal state. An update carrying both a status and
 *   an artifact is applied ARTIFACT first, so `{status: "completed", artifact}` still counts it.
 * - CANCEL on `cancelling` is "—" (§3.6.7 answers "cancel already in progress"); on a terminal task
 *   it is ✗ and the plugin answers with the terminal state (§3.6.7), not an error.
 *
 * @example
 * ```ts
 * const task = createActor(taskMachine, { input: { taskId: 't-3' } }).start();
 * task.send({ type: 'START' });
 * task.send({ type: 'CANCEL' });
 * task.send({ type: 'CANCELED' });
 * task.getSnapshot().context.history.map((h) => h.state); // submitted, working, cancelling, canceled
 * ```
 */
export const taskMachine = setup({
  types: {} as {
    context: TaskContext;
    events: TaskEvent;
    input: TaskInput;
  },
  actions: {
    // Entry actions, so a state change is recorded exactly once and a "—" cell (no re-entry) never.
    record: assign(({ context }, params: { state: TaskState }) => ({
      history: [...context.history, { state: params.state, at: context.now() }],
    })),
    countArtifact: assign({ artifacts: ({ context }) => context.artifacts + 1 }),
    setError: assign({
      error: ({ event }) => {
        assertEvent(event, 'FAIL');
        return event.error;
      },
    }),
  },
}).createMachine({
  id: 'task',
  context: ({ input }) => ({
    taskId: input.taskId,
    contextId: input.contextId,
    history: [],
    error: undefined,
    artifacts: 0,
    now: input.now ?? Date.now,
  }),
  initial: 'submitted',
  states: {
    submitted: {
      entry: { type: 'record', params: { state: 'submitted' } },
      on: LIVE,
    },
    working: {
      entry: { type: 'record', params: { state: 'working' } },
      // Same-state cell of §4.2 (START in working): a target on itself, no re-entry, makes `can()` true.
      on: LIVE,
    },
    input_required: {
      entry: { type: 'record', params: { state: 'input_required' } },
      on: { ...LIVE, INPUT: 'working' },
    },
    cancelling: {
      entry: { type: 'record', params: { state: 'cancelling' } },
      on: {
        ARTIFACT: { actions: 'countArtifact' },
        CANCEL: 'cancelling',
        CANCELED: 'canceled',
        PEER_CANCELED: 'canceled',
        COMPLETE: 'completed',
        FAIL: { target: 'failed', actions: 'setError' },
      },
    },
    completed: { type: 'final', entry: { type: 'record', params: { state: 'completed' } } },
    failed: { type: 'final', entry: { type: 'record', params: { state: 'failed' } } },
    canceled: { type: 'final', entry: { type: 'record', params: { state: 'canceled' } } },
  },
});

/**
 * Every event type of {@link taskMachine}.
 *
 * @example
 * ```ts
 * taskEventTypes.includes('CANCEL'); // true
 * ```
 */
export const taskEventTypes = [
  'START',
  'INPUT',
  'NEED_INPUT',
  'ARTIFACT',
  'CANCEL',
  'CANCELED',
  'PEER_CANCELED',
  'COMPLETE',
  'FAIL',
] as const;

/**
 * An event of {@link taskMachine}. Payloads (input parts, artifact content) travel through the
 * mailbox and the task store; the machine sees only that they happened.
 *
 * @example
 * ```ts
 * const ev: TaskEvent = { type: 'FAIL', error: 'deleted' };
 * ```
 */
export type TaskEvent =
  | { readonly type: 'START' }
  | { readonly type: 'INPUT' }
  | { readonly type: 'NEED_INPUT' }
  | { readonly type: 'ARTIFACT' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'CANCELED' }
  | { readonly type: 'PEER_CANCELED' }
  | { readonly type: 'COMPLETE' }
  | { readonly type: 'FAIL'; readonly error: string };

/**
 * A state of {@link taskMachine} (acp-relay.md §4.1); `completed`, `failed`, `canceled` are final.
 *
 * @example
 * ```ts
 * const terminal = (s: TaskState) => s === 'completed' || s === 'failed' || s === 'canceled';
 * ```
 */
export type TaskState =
  | 'submitted'
  | 'working'
  | 'input_required'
  | 'cancelling'
  | 'completed'
  | 'failed'
  | 'canceled';

/**
 * One state change of a task, timed by the task's injected clock.
 *
 * @example
 * ```ts
 * const entry: TaskHistoryEntry = { state: 'working', at: 1_700_000_000_000 };
 * ```
 */
export interface TaskHistoryEntry {
  readonly state: TaskState;
  /** Milliseconds, from the input's `now()`. */
  readonly at: number;
}

/**
 * Context of {@link taskMachine}.
 *
 * @example
 * ```ts
 * const states = (ctx: TaskContext) => ctx.history.map((h) => h.state);
 * ```
 */
export interface TaskContext {
  readonly taskId: string;
  readonly contextId: string | undefined;
  /** Every state entered, oldest first; starts with `submitted`. "—" cells add nothing. */
  readonly history: readonly TaskHistoryEntry[];
  /** Reason of the last FAIL; set only in `failed`. */
  readonly error: string | undefined;
  /** Artifacts appended so far. */
  readonly artifacts: number;
  readonly now: () => number;
}

/**
 * Input of {@link taskMachine}.
 *
 * @example
 * ```ts
 * const input: TaskInput = { taskId: 't-3', contextId: 'ctx-1', now: () => clock.now() };
 * ```
 */
export interface TaskInput {
  readonly taskId: string;
  readonly contextId?: string;
  /** Clock for history timestamps; `Date.now` by default. */
  readonly now?: () => number;
}
