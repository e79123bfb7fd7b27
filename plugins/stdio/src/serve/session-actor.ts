import { finalize, tap } from 'rxjs';
import type { ActorRef, Behavior, Message } from '@troupe/runtime';
import { sessionMachine, taskMachine } from '@troupe/actors';

/**
 * The Task actor of one prompt turn: asks the served agent with the turn's origin and mirrors the
 * outcome on its task machine (START, then COMPLETE, FAIL or CANCEL → CANCELED when the asker
 * unsubscribed, which is how session/cancel reaches it).
 *
 * @example
 * const task = ctx.spawn(taskBehavior(agentRef, 'turn-1', 'sess-1'), { name: 'turn-1' });
 */
export function taskBehavior(agent: ActorRef, taskId: string, sessionId: string): Behavior {
  return {
    lifecycle: taskMachine,
    lifecycleInput: { taskId, contextId: sessionId },
    receive(message: Message, ctx) {
      const machine = ctx.lifecycle;
      machine?.send({ type: 'START' });
      let settled = false;
      return ctx.ask(agent, message).pipe(
        tap({
          complete: () => { settled = true; machine?.send({ type: 'COMPLETE' }); },
          error: (err: unknown) => { settled = true; machine?.send({ type: 'FAIL', error: err instanceof Error ? err.message : String(err) }); },
        }),
        finalize(() => {
          if (settled) return;
          machine?.send({ type: 'CANCEL' });
          machine?.send({ type: 'CANCELED' });
        }),
      );
    },
  };
}

/**
 * The Session actor of one ACP session (agent-client-protocol.md §2): each prompt spawns a Task
 * actor named after the turn, and the session machine goes `open → active → open` around it.
 * Mailbox order serializes turns; the connection also refuses a second prompt while one runs.
 *
 * @example
 * const session = system.spawn(sessionBehavior(agentRef, 'sess-1'), { parent: agentRef, name: 'session-sess-1' });
 */
export function sessionBehavior(agent: ActorRef, sessionId: string): Behavior {
  return {
    lifecycle: sessionMachine,
    lifecycleInput: { sessionId },
    receive(message: Message, ctx) {
      const machine = ctx.lifecycle;
      machine?.send({ type: 'PROMPT' });
      const taskId = message.taskId ?? `turn-${message.id}`;
      const task = ctx.spawn(taskBehavior(agent, taskId, sessionId), { name: taskId });
      return ctx.ask(task, message).pipe(
        finalize(() => {
          machine?.send({ type: 'TURN_ENDED' });
          void ctx.system.stop(task);
        }),
      );
    },
  };
}
