import { EMPTY, Observable } from 'rxjs';
import {
  nextId, toMessage, type ActorEvent, type ActorRef, type AskOptions, type Behavior, type BehaviorFactory,
  type Message, type MessageInput, type Part, type SendOptions,
} from '@troupe/runtime';

/** How a workflow asks one of its members: directly, or through an actor's context. */
export type AskFn = (target: ActorRef, message: MessageInput, options?: AskOptions) => Observable<Part>;

/** The composition itself: given the input and a way to ask members, the output stream. */
export type Composition = (input: Message, ask: AskFn) => Observable<Part>;

/**
 * A workflow is itself an actor ref: `ask` runs the composition and streams its output, `tell`
 * runs it and discards the output. It is also a behavior factory, so `system.spawn(flow)` hosts it
 * as a supervised actor with a mailbox (then its asks carry the actor as sender).
 */
export class WorkflowRef implements ActorRef, BehaviorFactory {
  readonly address: string;
  readonly state = 'idle';
  readonly events$: Observable<ActorEvent> = EMPTY;

  constructor(readonly name: string, private readonly compose: Composition) {
    this.address = `troupe://workflow/${name}-${nextId('w').split('-').pop() ?? '0'}`;
  }

  ask(message: MessageInput, options?: AskOptions): Observable<Part> {
    const input = toMessage(message);
    const pass: AskOptions = { ...(options?.sender ? { sender: options.sender } : {}), ...(options?.origin ? { origin: options.origin } : {}) };
    return this.compose(input, (target, msg, extra) => target.ask(msg, { ...pass, ...extra }));
  }

  tell(message: MessageInput, options?: SendOptions): boolean {
    this.ask(message, options).subscribe({ error: () => {} });
    return true;
  }

  send(message: MessageInput, options?: SendOptions): Promise<void> {
    this.tell(message, options);
    return Promise.resolve();
  }

  createBehavior(): Behavior {
    return {
      card: { name: this.name, description: `workflow ${this.name}` },
      receive: (message, ctx) => this.compose(message, (target, msg, extra) => ctx.ask(target, msg, extra)),
    };
  }
}
