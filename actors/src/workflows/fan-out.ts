import { concatMap, forkJoin, from, merge, toArray } from 'rxjs';
import { TroupeError, type ActorRef, type HandlerResult, type Part } from '@troupe/runtime';
import { WorkflowRef, type WorkflowOptions } from './workflow-ref.js';

/**
 * How a fan-out combines its members' answers:
 * - `merge` (default): every part as it arrives, interleaved;
 * - `ordered`: members run at once, their parts come out member by member, in list order;
 * - a function: gets every member's complete parts and returns the result (text, parts…).
 */
export type Gather = 'merge' | 'ordered' | ((results: Part[][]) => Part[] | Part | string);

/**
 * Sends the same input to several agents at once and gathers their answers. Unsubscribing, the
 * ask's `signal` or its `timeoutMs` cancels every member still running.
 *
 * @example
 * fanOut([critic, fan], { gather: (all) => all.flat() }).ask('review this');
 */
export function fanOut(members: readonly ActorRef[], options: WorkflowOptions & { gather?: Gather } = {}): WorkflowRef {
  if (members.length === 0) throw new TroupeError('INVALID_OPTIONS', 'a fan-out needs at least one member');
  const gather = options.gather ?? 'merge';
  return new WorkflowRef('fan-out', (input, ask) => {
    const streams = members.map((m) => ask(m, input));
    if (gather === 'merge') return merge(...streams);
    const all = forkJoin(streams.map((s) => s.pipe(toArray())));
    if (gather === 'ordered') return all.pipe(concatMap((lists) => from(lists.flat())));
    return all.pipe(concatMap((lists) => from(normalize(gather(lists)))));
  }, options);
}

function normalize(result: HandlerResult): Part[] {
  if (typeof result === 'string') return [{ type: 'text', text: result }];
  if (Array.isArray(result)) return result as Part[];
  return [result as Part];
}

