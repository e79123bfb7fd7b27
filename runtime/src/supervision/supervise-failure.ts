import type { ActorRef, SupervisionOptions } from '../types/actor.js';
import type { InspectionInput } from '../types/inspection.js';
import { backoffDelay, decide, recentRestarts, resolveSupervision, restartTargets } from './supervision.js';

/** A child as its supervisor sees it. */
export interface SupervisedChild {
  readonly ref: ActorRef;
  readonly address: string;
  restartTimes: number[] | null;
  /** Restarted past the intensity limit instead of escalating (`restart: 'permanent'`). */
  readonly permanent: boolean;
  resume(): void;
  stop(reason: string): Promise<void>;
  restart(delayMs: number, attempt: number): void;
}

/** The supervising parent: its options, children, and how it escalates. */
export interface Supervisor<C extends SupervisedChild> {
  readonly supervision: SupervisionOptions | undefined;
  readonly children: ReadonlyMap<string, C> | null;
  readonly sys: { readonly clock: { now(): number }; random(): number; emit(event: InspectionInput): void };
  escalate(child: C, error: Error): void;
}

/**
 * What a supervisor does when `child` fails: ask `decide` for a directive, then resume, stop,
 * escalate, or restart (after checking restart intensity, with backoff, and per strategy the
 * failed child alone, all children, or the failed child and those spawned after it).
 */
export function superviseFailure<C extends SupervisedChild>(parent: Supervisor<C>, child: C, error: Error): void {
  const options = resolveSupervision(parent.supervision);
  const directive = decide(options, error, child.ref);
  parent.sys.emit({ type: '@troupe.fail', address: child.address, error, directive });
  switch (directive) {
    case 'resume':
      child.resume();
      return;
    case 'stop':
      void child.stop('failed');
      return;
    case 'escalate':
      parent.escalate(child, error);
      return;
    case 'restart': {
      const now = parent.sys.clock.now();
      const times = recentRestarts(child.restartTimes ?? [], now, options.withinMs);
      const exceeded = times.length >= options.maxRestarts;
      if (exceeded && !child.permanent) {
        child.restartTimes = times;
        parent.escalate(child, error);
        return;
      }
      times.push(now);
      child.restartTimes = times;
      const random = (): number => parent.sys.random();
      // Past the limit a permanent child is slowed to the backoff cap, never given up on.
      const delay = exceeded ? backoffDelay({ ...options.backoff, minMs: options.backoff.maxMs }, 1, random) : backoffDelay(options.backoff, times.length, random);
      if (exceeded) {
        parent.sys.emit({
          type: '@troupe.log', source: child.address, level: 'warn',
          msg: `${child.address} failed ${times.length} times within ${options.withinMs} ms (limit ${options.maxRestarts}); it is permanent, so it restarts again in ${delay} ms: ${error.message}`,
        });
      }
      for (const target of restartTargets(options.strategy, parent.children, child)) {
        target.restart(delay, target === child ? times.length : (target.restartTimes?.length ?? 0) + 1);
      }
    }
  }
}
