import { setup } from 'xstate';

/**
 * Lifecycle of one hosted agent.
 *
 * ```
 *              STARTED              WORK
 *  (starting) ─────────▶   idle   ───────▶  busy
 *       ▲                  ▲   ◀──────────
 *       │ STOPPED          │     DRAINED
 *       │                  │ STARTED
 *   restarting ────────────┘
 *       ▲
 *       │ RESTART (also straight from starting, idle, busy)
 *     failed ◀── FAIL ── starting | idle | busy | restarting
 *       │ RESUME (the supervisor keeps this incarnation) ──▶ idle
 *
 *   starting | idle | busy | failed | restarting ── STOP ──▶ stopping ── STOPPED ──▶ ((stopped))
 * ```
 *
 * Every (state, event) pair not drawn above is ignored (the state does not change):
 *
 * | state \ event | STARTED | WORK | DRAINED | FAIL   | RESTART    | RESUME | STOP     | STOPPED  |
 * | ------------- | ------- | ---- | ------- | ------ | ---------- | ------ | -------- | -------- |
 * | starting      | idle    |      |         | failed | restarting |        | stopping |          |
 * | idle          |         | busy |         | failed | restarting |        | stopping |          |
 * | busy          |         |      | idle    | failed | restarting |        | stopping |          |
 * | stopping      |         |      |         |        |            |        |          | stopped  |
 * | stopped       |         |      |         |        |            |        |          |          |
 * | failed        |         |      |         |        | restarting | idle   | stopping |          |
 * | restarting    | idle    |      |         | failed |            |        | stopping | starting |
 *
 * Why some cells are what they are:
 * - RESTART is legal from live states, not only from `failed`: one-for-all and rest-for-one
 *   supervisors restart siblings that did not crash.
 * - `restarting` is "old incarnation going away, new one coming": STOPPED (the old one is gone)
 *   leads to `starting` so the new instance runs its start hook; STARTED means the fresh instance
 *   needed no start phase, so it goes straight to `idle`.
 * - FAIL while `stopping` is ignored: a crash in a stop hook must not resurrect the agent; the
 *   runtime reports it and still sends STOPPED.
 * - WORK is an edge ("mailbox became non-empty"). It is ignored outside `idle`, so when the runtime
 *   enters `idle` it must look at the mailbox and send WORK itself if messages are waiting.
 *
 * Invariant the runtime relies on: this chart is flat, has no context, actions, guards, delays or
 * invocations, so the next state is a pure function of (state, event type) and the runtime can
 * compile it into a transition table instead of hosting an XState actor per agent. A test walks
 * the definition to keep it so.
 *
 * @example
 * ```ts
 * const agent = createActor(agentMachine).start();
 * agent.send({ type: 'STARTED' });
 * agent.send({ type: 'WORK' });
 * agent.getSnapshot().value; // 'busy'
 * ```
 */
export const agentMachine = setup({
  types: {} as { events: AgentEvent },
}).createMachine({
  id: 'agent',
  initial: 'starting',
  states: {
    starting: {
      on: { STARTED: 'idle', FAIL: 'failed', RESTART: 'restarting', STOP: 'stopping' },
    },
    idle: {
      on: { WORK: 'busy', FAIL: 'failed', RESTART: 'restarting', STOP: 'stopping' },
    },
    busy: {
      on: { DRAINED: 'idle', FAIL: 'failed', RESTART: 'restarting', STOP: 'stopping' },
    },
    stopping: {
      on: { STOPPED: 'stopped' },
    },
    stopped: { type: 'final' },
    failed: {
      // RESUME: the supervisor chose to keep this incarnation (directive `resume`).
      on: { RESUME: 'idle', RESTART: 'restarting', STOP: 'stopping' },
    },
    restarting: {
      on: { STARTED: 'idle', STOPPED: 'starting', FAIL: 'failed', STOP: 'stopping' },
    },
  },
});

/**
 * Every event type of {@link agentMachine}, in a fixed order: the columns of the runtime's
 * compiled transition table.
 *
 * @example
 * ```ts
 * const column = new Map(agentEventTypes.map((type, i) => [type, i]));
 * ```
 */
export const agentEventTypes = [
  'STARTED',
  'WORK',
  'DRAINED',
  'FAIL',
  'RESTART',
  'RESUME',
  'STOP',
  'STOPPED',
] as const;

/**
 * One of {@link agentEventTypes}.
 *
 * @example
 * ```ts
 * const type: AgentEventType = 'WORK';
 * ```
 */
export type AgentEventType = (typeof agentEventTypes)[number];

/**
 * An event of {@link agentMachine}. Only FAIL carries data (the crash), for the runtime and for
 * inspection; the machine itself never reads it.
 *
 * @example
 * ```ts
 * const crash: AgentEvent = { type: 'FAIL', error: new Error('handler threw') };
 * ```
 */
export type AgentEvent =
  | { readonly type: 'STARTED' }
  | { readonly type: 'WORK' }
  | { readonly type: 'DRAINED' }
  | { readonly type: 'FAIL'; readonly error: unknown }
  | { readonly type: 'RESTART' }
  | { readonly type: 'RESUME' }
  | { readonly type: 'STOP' }
  | { readonly type: 'STOPPED' };

/**
 * A state of {@link agentMachine}. `stopped` is final.
 *
 * @example
 * ```ts
 * const live = (s: AgentLifecycleState) => s === 'idle' || s === 'busy';
 * ```
 */
export type AgentLifecycleState =
  | 'starting'
  | 'idle'
  | 'busy'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'restarting';
