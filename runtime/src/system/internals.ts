import type { Clock } from '../ports/clock.js';
import type { SystemFacade } from '../types/actor.js';
import type { DeadLetterReason } from '../types/dead-letter.js';
import type { InspectionInput } from '../types/inspection.js';
import type { Message } from '../types/message.js';
import type { Runnable } from './scheduler.js';

/** What a cell needs from its system. Kept as an interface so cells never import the system. */
export interface SystemInternals {
  readonly node: string;
  readonly clock: Clock;
  readonly facade: SystemFacade;
  /** True while someone subscribes to `inspect$` (per-message events are only built then). */
  readonly inspecting: boolean;
  readonly shuttingDown: boolean;
  random(): number;
  schedule(r: Runnable): void;
  emit(event: InspectionInput): void;
  deadLetter(message: Message, target: string, reason: DeadLetterReason, sender: string | undefined): void;
  unregister(address: string): void;
  /** Accepted messages not yet finished, system-wide (shutdown waits for 0). */
  workStarted(): void;
  workFinished(): void;
}
