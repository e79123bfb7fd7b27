import type { Behavior, BehaviorFactory, HandlerResult, MailboxOptions, Message, StartContext, SupervisionOptions } from '@troupe/runtime';
import { agentContext, type AgentContext } from './agent-context.js';
import { defaultCard, type AgentCard } from './agent-card.js';
import { agentMachine } from './machines/agent-machine.js';

/** A concrete Agent class (what `system.spawn` takes). */
export type AgentClass<A extends Agent = Agent, Args extends unknown[] = []> = (new (...args: Args) => A) & typeof Agent;

/**
 * Base class of every agent. Write `onMessage`; return text, parts, a Promise, an AsyncIterable or
 * an Observable of parts. Each emission is one streamed part, on whatever protocol the message came
 * in by. The class itself is what you spawn: each (re)start builds a fresh instance.
 *
 * @example
 * class Echo extends Agent {
 *   static override card = { name: 'echo', description: 'Says it back' };
 *   onMessage(msg: Message) { return `you said: ${textOf(msg)}`; }
 * }
 * const ref = system.spawn(Echo);
 */
export abstract class Agent {
  /** Name, description, skills and capabilities, published by every plugin. */
  static card: AgentCard | undefined = undefined;
  /** Mailbox of each instance (default: 10,000 messages, backpressure). */
  static mailbox: MailboxOptions | undefined = undefined;
  /** How this agent supervises the children it spawns. */
  static supervision: SupervisionOptions | undefined = undefined;
  /** Messages handled at once (default 1: one at a time, in order). */
  static concurrency: number | undefined = undefined;

  abstract onMessage(message: Message, ctx: AgentContext): HandlerResult;
  onStart?(ctx: StartContext): void | Promise<void>;
  onStop?(): void | Promise<void>;

  /** Builds the runtime behavior of one instance. Called by `spawn` (the class is the factory). */
  static createBehavior(this: new () => Agent): Behavior {
    return behaviorFor(this as unknown as typeof Agent, new this());
  }

  /**
   * A factory that constructs the agent with arguments, for agents that need configuration.
   *
   * @example
   * system.spawn(Translator.with('fr'));
   */
  static with<A extends Agent, Args extends unknown[]>(this: new (...args: Args) => A, ...args: Args): BehaviorFactory {
    return { createBehavior: () => behaviorFor(this as unknown as typeof Agent, new this(...args)) };
  }

  /** The card of a class: its own, or one named after the class. */
  static cardOf(cls: typeof Agent): AgentCard {
    return cls.card ?? defaultCard(cls.name);
  }
}

function behaviorFor(cls: typeof Agent, agent: Agent): Behavior {
  const defaults: NonNullable<Behavior['defaults']> = {
    ...(cls.mailbox ? { mailbox: cls.mailbox } : {}),
    ...(cls.supervision ? { supervision: cls.supervision } : {}),
    ...(cls.concurrency ? { concurrency: cls.concurrency } : {}),
  };
  const behavior: { -readonly [K in keyof Behavior]: Behavior[K] } = {
    card: Agent.cardOf(cls),
    lifecycle: agentMachine,
    defaults,
    receive: (message, ctx) => agent.onMessage(message, agentContext(ctx)),
  };
  if (agent.onStart) behavior.start = (ctx) => agent.onStart?.(ctx);
  if (agent.onStop) behavior.stop = () => agent.onStop?.();
  return behavior;
}
