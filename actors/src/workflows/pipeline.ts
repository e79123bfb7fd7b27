import { connect, filter, merge, mergeMap, toArray, type Observable } from 'rxjs';
import { nextId, TroupeError, type ActorRef, type Message, type Part } from '@troupe/runtime';
import { WorkflowRef, type AskFn } from './workflow-ref.js';

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
 * Unsubscribing cancels whichever stage is running.
 *
 * @example
 * pipeline(research, draft, edit).ask('write about otters').subscribe(render);
 */
export function pipeline(...stages: ActorRef[]): WorkflowRef {
  if (stages.length === 0) throw new TroupeError('INVALID_OPTIONS', 'a pipeline needs at least one stage');
  return new WorkflowRef('pipeline', (input, ask) => stage(stages, 0, input, ask));
}
