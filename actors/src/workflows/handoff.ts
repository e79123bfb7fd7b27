import { Observable } from 'rxjs';
import { data, TroupeError, type ActorRef, type DataPart, type Message, type Part } from '@troupe/runtime';
import { WorkflowRef, type AskFn, type WorkflowOptions } from './workflow-ref.js';

/** MIME type that marks a data part as a handoff request. */
export const HANDOFF_MIME = 'application/vnd.troupe.handoff+json';

/**
 * The part an agent emits to pass the conversation on: `yield handoffTo('billing')`.
 *
 * @example
 * return [text('Let me get billing for you.'), handoffTo('billing')];
 */
export function handoffTo(agent: string, note?: string): DataPart {
  return data(note === undefined ? { handoff: agent } : { handoff: agent, note }, HANDOFF_MIME);
}

function handoffTarget(p: Part): string | undefined {
  if (p.type !== 'data' || p.mimeType !== HANDOFF_MIME) return undefined;
  const target = (p.data as { handoff?: unknown } | null)?.handoff;
  return typeof target === 'string' ? target : undefined;
}

/**
 * Lets agents pass a conversation to one another. The entry agent answers; when its stream
 * contains a `handoffTo(name)` part, that agent gets the same input after the current one finishes
 * and the stream continues with its answer. Handoff parts themselves are not emitted. At most
 * `maxHops` handoffs per ask (default 5), against loops. A cancel (unsubscribe, `signal`,
 * `timeoutMs`) reaches the agent answering; after it no handoff is followed.
 *
 * @example
 * handoff('triage', { triage, billing, tech }).ask('my invoice is wrong');
 */
export function handoff(entry: string, agents: Readonly<Record<string, ActorRef>>, options: WorkflowOptions & { maxHops?: number } = {}): WorkflowRef {
  const maxHops = options.maxHops ?? 5;
  if (!agents[entry]) throw new TroupeError('INVALID_OPTIONS', `handoff entry ${JSON.stringify(entry)} is not among the agents`);
  return new WorkflowRef('handoff', (input, ask) => run(entry, input, ask, agents, maxHops), options);
}

function run(entry: string, input: Message, ask: AskFn, agents: Readonly<Record<string, ActorRef>>, maxHops: number): Observable<Part> {
  return new Observable<Part>((subscriber) => {
    let hops = 0;
    let current: { unsubscribe(): void } | undefined;
    const visit = (name: string): void => {
      const target = agents[name];
      if (!target) {
        subscriber.error(new TroupeError('NO_ROUTE', `handoff to unknown agent ${JSON.stringify(name)}`));
        return;
      }
      let next: string | undefined;
      current = ask(target, input).subscribe({
        next: (p) => {
          const to = handoffTarget(p);
          if (to === undefined) subscriber.next(p);
          else next = to;
        },
        error: (e) => subscriber.error(e),
        complete: () => {
          if (next === undefined) subscriber.complete();
          else if (++hops > maxHops) subscriber.error(new TroupeError('HANDOFF_LOOP', `more than ${maxHops} handoffs for one message`));
          else visit(next);
        },
      });
    };
    visit(entry);
    return () => current?.unsubscribe();
  });
}
