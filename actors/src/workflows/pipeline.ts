import { connect, filter, merge, mergeMap, toArray, type Observable } from 'rxjs';
import { nextId, TroupeError, type ActorRef, type Message, type Part } from '@troupe/runtime';
import { WorkflowRef, type AskFn, type WorkflowOptions } from './workflow-ref.js';

const isProgress = (p: Part): boolean => p.type === 'progress';

/** The message a stage hands to the next: the content parts it produced (progress notes stay out). */
function handOn(previous: Message, parts: Part[]): Message {
  return { id: nextId('msg'), role: 'agent', parts, replyTo: previous.id, ...(previous.conversationId ? { conversationId: previous.conversationId } : {}) };
}

function stage(stages: readonly ActorRef[], i: number, input: Message, ask: AskFn): Observable<Part> {
  const out = ask(stages[i] as ActorRef, input);
  if (i === stages.length - 1) return out;
  // Progress of an inner stage streams straight out; its content is gathered and fed onward.
  return out.pipe(
    connect((shared) => merge(
      shared.pipe(filter(isProgress)),
      shared.pipe(filter((p) => !isProgress(p)), toArray(), mergeMap((parts) => stage(stages, i + 1, handOn(input, parts), ask))),
    )),
  );
}

/**
 * Runs agents one after another: each stage's output is the next stage's input; the pipeline's
 * ask streams the last stage's parts (and every stage's progress notes) as they come.
 * Unsubscribing, the ask's `signal` or its `timeoutMs` cancels whichever stage is running, and no
 * later stage starts. Options may follow the stages.
 *
 * @example
 * pipeline(research, draft, edit).ask('write about otters').subscribe(render);
 * pipeline(research, draft, { clock }).ask('otters', { timeoutMs: 30_000 });
 */
export function pipeline(...args: ActorRef[] | [...ActorRef[], WorkflowOptions]): WorkflowRef {
  const last = args.at(-1);
  const hasOptions = last !== undefined && typeof (last as Partial<ActorRef>).ask !== 'function';
  const stages = (hasOptions ? args.slice(0, -1) : args) as ActorRef[];
  if (stages.length === 0) throw new TroupeError('INVALID_OPTIONS', 'a pipeline needs at least one stage');
  return new WorkflowRef('pipeline', (input, ask) => stage(stages, 0, input, ask), hasOptions ? (last as WorkflowOptions) : {});
}
