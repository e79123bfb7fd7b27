import { assign, setup } from 'xstate';

/**
 * Lifecycle of one conversation session (an ACP session, an AgentCP session, a relay context).
 *
 * ```
 *            PROMPT
 *   (open) ─────────▶ active
 *      ▲                │
 *      └── TURN_ENDED ──┘   (turns + 1)
 *
 *   open | active ── CLOSE ──▶ ((closed))
 * ```
 *
 * | state \ event | PROMPT | TURN_ENDED | CLOSE  |
 * | ------------- | ------ | ---------- | ------ |
 * | open          | active |            | closed |
 * | active        |        | open       | closed |
 * | closed        |        |            |        |
 *
 * Empty cells are ignored and `snapshot.can(event)` is false for them, which is how a plugin
 * detects a second prompt during a running turn (ACP answers it with -32600, "a prompt turn is
 * already active": agent-client-protocol.md §5.3). A turn ends with TURN_ENDED whatever its stop
 * reason (a cancelled turn included), and `turns` counts every ended turn. CLOSE during a turn
 * does not count it: the turn never ended on its own.
 *
 * @example
 * ```ts
 * const session = createActor(sessionMachine, { input: { sessionId: 's-12' } }).start();
 * session.send({ type: 'PROMPT' });
 * session.send({ type: 'TURN_ENDED' });
 * session.getSnapshot().context.turns; // 1
 * ```
 */
export const sessionMachine = setup({
  types: {} as {
    context: SessionContext;
    events: SessionEvent;
    input: SessionInput;
  },
  actions: {
    countTurn: assign({ turns: ({ context }) => context.turns + 1 }),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({ sessionId: input.sessionId, turns: 0 }),
  initial: 'open',
  states: {
    open: {
      on: { PROMPT: 'active', CLOSE: 'closed' },
    },
    active: {
      on: {
        TURN_ENDED: { target: 'open', actions: 'countTurn' },
        CLOSE: 'closed',
      },
    },
    closed: { type: 'final' },
  },
});

/**
 * Every event type of {@link sessionMachine}.
 *
 * @example
 * ```ts
 * sessionEventTypes.includes('PROMPT'); // true
 * ```
 */
export const sessionEventTypes = ['PROMPT', 'TURN_ENDED', 'CLOSE'] as const;

/**
 * An event of {@link sessionMachine}. Prompt content travels through the mailbox, not here.
 *
 * @example
 * ```ts
 * const ev: SessionEvent = { type: 'CLOSE' };
 * ```
 */
export type SessionEvent =
  | { readonly type: 'PROMPT' }
  | { readonly type: 'TURN_ENDED' }
  | { readonly type: 'CLOSE' };

/**
 * A state of {@link sessionMachine}. `closed` is final.
 *
 * @example
 * ```ts
 * const idle = (s: SessionState) => s === 'open';
 * ```
 */
export type SessionState = 'open' | 'active' | 'closed';

/**
 * Context of {@link sessionMachine}.
 *
 * @example
 * ```ts
 * const ctx: SessionContext = { sessionId: 's-12', turns: 0 };
 * ```
 */
export interface SessionContext {
  readonly sessionId: string;
  /** Turns that ended (TURN_ENDED), whatever their stop reason. */
  readonly turns: number;
}

/**
 * Input of {@link sessionMachine}.
 *
 * @example
 * ```ts
 * const input: SessionInput = { sessionId: 's-12' };
 * ```
 */
export interface SessionInput {
  readonly sessionId: string;
}
