/**
 * The ordering rules of spec §14 as a pure guard. The session keeps a
 * {@link SessionPhase} and asks, for each update it wants to send, whether
 * to send it now, hold it until the setup response is written, or refuse it.
 *
 * ```
 *  session/new, session/resume ──► opening ──(setup response written)──► idle
 *  session/load ─────────────────► replaying ─(load response written)──► idle
 *  idle ──(prompt accepted)──► in-turn ──(prompt response written)──► idle
 * ```
 *
 * - O2: nothing before the response that introduces/re-opens the session (hold);
 * - O3: `session/load` replays history before its response (send);
 * - O4: turn content only during a turn; after the response it is refused
 *   (`turn_closed`);
 * - O5: session-level updates any time after O2.
 */

/**
 * Where a session is, as far as ordering is concerned.
 *
 * @example
 * let phase: SessionPhase = initialPhase('session/new');
 */
export type SessionPhase = 'opening' | 'replaying' | 'idle' | 'in-turn';

/**
 * What to do with an update now.
 *
 * @example
 * const d: UpdateDisposition = updateDisposition(phase, update.sessionUpdate);
 */
export type UpdateDisposition = 'send' | 'hold' | 'refuse';

/**
 * Lifecycle events that move the phase.
 *
 * @example
 * phase = nextPhase(phase, 'prompt-accepted' satisfies OrderingEvent);
 */
export type OrderingEvent = 'setup-responded' | 'prompt-accepted' | 'prompt-responded';

const TURN_CONTENT: ReadonlySet<string> = new Set([
  'user_message_chunk', 'agent_message_chunk', 'agent_thought_chunk', 'tool_call', 'tool_call_update', 'plan',
]);

/**
 * True for updates that belong to a turn (chunks, tool calls, plan); false
 * for session-level ones (commands, mode, config, info, usage, notice, compaction).
 *
 * @example
 * isTurnContent('agent_message_chunk'); // true
 */
export function isTurnContent(sessionUpdate: string): boolean {
  return TURN_CONTENT.has(sessionUpdate);
}

/**
 * The phase a session starts in, by the request that opens it.
 *
 * @example
 * initialPhase('session/load'); // 'replaying'
 */
export function initialPhase(opener: 'session/new' | 'session/load' | 'session/resume'): SessionPhase {
  return opener === 'session/load' ? 'replaying' : 'opening';
}

/**
 * The next phase after an event. Events that do not apply leave it unchanged.
 *
 * @example
 * nextPhase('in-turn', 'prompt-responded'); // 'idle'
 */
export function nextPhase(phase: SessionPhase, event: OrderingEvent): SessionPhase {
  if (event === 'setup-responded') return phase === 'opening' || phase === 'replaying' ? 'idle' : phase;
  if (event === 'prompt-accepted') return phase === 'idle' ? 'in-turn' : phase;
  return phase === 'in-turn' ? 'idle' : phase;
}

/**
 * Whether an update of kind `sessionUpdate` may be written in `phase`.
 *
 * @example
 * updateDisposition('opening', 'available_commands_update'); // 'hold'
 * updateDisposition('idle', 'agent_message_chunk');          // 'refuse' (turn_closed)
 */
export function updateDisposition(phase: SessionPhase, sessionUpdate: string): UpdateDisposition {
  switch (phase) {
    case 'opening':
      return 'hold';
    case 'replaying':
    case 'in-turn':
      return 'send';
    case 'idle':
      return isTurnContent(sessionUpdate) ? 'refuse' : 'send';
  }
}

/**
 * Drive side (O4): a turn-content update received while no turn is active
 * goes to the out-of-turn stream, flagged `outOfTurn: true`.
 *
 * @example
 * isOutOfTurn(false, 'tool_call_update'); // true
 */
export function isOutOfTurn(turnActive: boolean, sessionUpdate: string): boolean {
  return !turnActive && isTurnContent(sessionUpdate);
}
