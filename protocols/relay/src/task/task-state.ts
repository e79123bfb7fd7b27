/**
 * Task states and the transitions Troupe allows (§4.1, §4.2).
 *
 * ```
 *   submitted ──► working ◄──► input_required        (each may also stay where it is)
 *       │            │               │
 *       └────────────┴───────┬───────┘
 *                            ├──► cancelling ──► canceled
 *                            │        │
 *                            └────────┴────────► completed | failed
 *
 *   a direct move to canceled (skipping cancelling) is accepted only from a peer's task.updated;
 *   completed, failed and canceled are final; nothing returns to submitted.
 * ```
 */
export const TASK_STATES = ['submitted', 'working', 'input_required', 'cancelling', 'completed', 'failed', 'canceled'] as const;

/** One of the seven task states. */
export type TaskState = (typeof TASK_STATES)[number];

/** States a task never leaves. */
export const TERMINAL_STATES: readonly TaskState[] = ['completed', 'failed', 'canceled'];

/**
 * True for one of the seven state names.
 *
 * @example
 * isTaskState('cancelling'); // true
 */
export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TASK_STATES as readonly string[]).includes(value);
}

/**
 * True for `completed`, `failed` and `canceled`.
 *
 * @example
 * isTerminalState('failed'); // true
 */
export function isTerminalState(state: TaskState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Who asks for a transition: the local API/actor, or a peer's `task.updated` frame. */
export type TransitionOrigin = 'local' | 'peer';

/** `change`: apply and emit a `status` event; `same`: allowed, no event; `denied`: refuse (409, or ignore from a peer). */
export type TransitionOutcome = 'change' | 'same' | 'denied';

/** `yes`: allowed; `peer`: allowed only from a peer's frame; `same`: no change, no event; `no`: refused. */
export type TransitionCell = 'yes' | 'peer' | 'same' | 'no';

/** §4.2 as data: rows are the current state, columns the requested one. Staying in `submitted` is a Troupe reading of the table. */
export const TRANSITION_TABLE: Readonly<Record<TaskState, Readonly<Record<TaskState, TransitionCell>>>> = {
  submitted: { submitted: 'same', working: 'yes', input_required: 'yes', cancelling: 'yes', completed: 'yes', failed: 'yes', canceled: 'peer' },
  working: { submitted: 'no', working: 'same', input_required: 'yes', cancelling: 'yes', completed: 'yes', failed: 'yes', canceled: 'peer' },
  input_required: { submitted: 'no', working: 'yes', input_required: 'same', cancelling: 'yes', completed: 'yes', failed: 'yes', canceled: 'peer' },
  cancelling: { submitted: 'no', working: 'no', input_required: 'no', cancelling: 'same', completed: 'yes', failed: 'yes', canceled: 'yes' },
  completed: { submitted: 'no', working: 'no', input_required: 'no', cancelling: 'no', completed: 'no', failed: 'no', canceled: 'no' },
  failed: { submitted: 'no', working: 'no', input_required: 'no', cancelling: 'no', completed: 'no', failed: 'no', canceled: 'no' },
  canceled: { submitted: 'no', working: 'no', input_required: 'no', cancelling: 'no', completed: 'no', failed: 'no', canceled: 'no' },
};

/**
 * Classifies a requested transition. Staying in a non-terminal state is allowed without an event
 * (an artifact may still be appended); a terminal task accepts nothing, not even its own state.
 *
 * @example
 * transitionOutcome('working', 'canceled');          // 'denied' (local cancels pass through cancelling)
 * transitionOutcome('working', 'canceled', 'peer');  // 'change'
 * transitionOutcome('working', 'working');           // 'same'
 */
export function transitionOutcome(from: TaskState, to: TaskState, origin: TransitionOrigin = 'local'): TransitionOutcome {
  const cell = TRANSITION_TABLE[from][to];
  if (cell === 'same') return 'same';
  if (cell === 'yes' || (cell === 'peer' && origin === 'peer')) return 'change';
  return 'denied';
}

/**
 * True when §4.2 allows moving (or staying) from `from` to `to`.
 *
 * @example
 * canTransition('completed', 'working'); // false
 * canTransition('cancelling', 'canceled'); // true
 */
export function canTransition(from: TaskState, to: TaskState, origin: TransitionOrigin = 'local'): boolean {
  return transitionOutcome(from, to, origin) !== 'denied';
}
