import { defer, from, mergeMap, throwError } from 'rxjs';
import { TroupeError, type ActorRef, type Message } from '@troupe/runtime';
import { WorkflowRef, type Composition, type WorkflowOptions } from './workflow-ref.js';

/** Picks a route key for a message (sync or async). */
export type Selector = (message: Message) => string | Promise<string>;

/**
 * Sends each message to one agent chosen by `selector` from `table`; a key with no entry falls
 * back to `table.default`, else the ask fails with `TroupeError('NO_ROUTE')`. A cancel (unsubscribe,
 * `signal`, `timeoutMs`) reaches the chosen agent; one that comes before the choice asks no agent.
 *
 * @example
 * route((m) => (textOf(m).includes('?') ? 'qa' : 'chat'), { qa, chat });
 */
export function route(selector: Selector, table: Readonly<Record<string, ActorRef>>, options: WorkflowOptions = {}): WorkflowRef {
  const compose: Composition = (input, ask) =>
    defer(() => from(Promise.resolve(selector(input)))).pipe(
      mergeMap((key) => {
        const target = table[key] ?? table['default'];
        if (!target) return throwError(() => new TroupeError('NO_ROUTE', `no route for key ${JSON.stringify(key)} (routes: ${Object.keys(table).join(', ')})`));
        return ask(target, input);
      }),
    );
  return new WorkflowRef('route', compose, options);
}
