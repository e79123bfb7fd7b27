import type { DeadLetter } from './dead-letter.js';

interface Base {
  /** Milliseconds since the epoch, from the system clock. */
  readonly ts: number;
}

/**
 * Everything the runtime reports about itself, on `system.inspect$`. Logs, dashboards and tests read
 * this one stream; library code never writes to the console.
 *
 * Around a restarted failure: `@troupe.fail` (directive `restart`) and `@troupe.state` changes to
 * `restarting` (through `failed` for a lifecycle machine) when it fails; then, once the new
 * incarnation runs, `@troupe.state` back to `idle` and `@troupe.restart` (attempt, backoff delay).
 */
export type InspectionEvent =
  | (Base & { readonly type: '@troupe.spawn'; readonly address: string; readonly parent: string | undefined })
  | (Base & { readonly type: '@troupe.stop'; readonly address: string; readonly reason: string })
  | (Base & { readonly type: '@troupe.fail'; readonly address: string; readonly error: Error; readonly directive: string })
  | (Base & { readonly type: '@troupe.restart'; readonly address: string; readonly attempt: number; readonly delayMs: number })
  | (Base & { readonly type: '@troupe.message'; readonly address: string; readonly messageId: string; readonly kind: 'tell' | 'ask' })
  | (Base & { readonly type: '@troupe.drop'; readonly deadLetter: DeadLetter })
  | (Base & { readonly type: '@troupe.state'; readonly address: string; readonly value: string; readonly previous: string })
  | (Base & { readonly type: '@troupe.progress'; readonly address: string; readonly note: string; readonly ratio?: number })
  | (Base & { readonly type: '@troupe.task'; readonly address: string; readonly taskId: string; readonly state: string })
  | (Base & { readonly type: '@troupe.link'; readonly address: string; readonly peer: string; readonly state: string })
  | (Base & { readonly type: '@troupe.plugin'; readonly plugin: string; readonly state: 'started' | 'stopped' | 'failed'; readonly error?: Error })
  | (Base & { readonly type: '@troupe.log'; readonly source: string; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly msg: string; readonly data?: Readonly<Record<string, unknown>> });

/** Type names of inspection events. */
export type InspectionType = InspectionEvent['type'];

/** Distributive Omit, so each union member keeps its own fields. */
export type InspectionInput = InspectionEvent extends infer E ? (E extends InspectionEvent ? Omit<E, 'ts'> : never) : never;
