import { ReplaySubject, type Subscriber } from 'rxjs';
import type { Part, TimerHandle } from '@troupe/runtime';
import type { ReceivedUpdate, SessionSetup } from '@troupe/protocol-stdio';

/** What a driven turn emits: each update (as a Part and as received), then its stop. */
export type DriveEvent =
  | { readonly type: 'update'; readonly part: Part; readonly update: ReceivedUpdate }
  | {
    readonly type: 'stop';
    /** The agent's stop reason; `cancelled` whenever Troupe cancelled the turn (§13.1 drive rule 4). */
    readonly stopReason: string;
    /** The agent's raw reply when it did not conform (e.g. `end_turn` after a cancel). */
    readonly raw?: unknown;
    /** True when `cancelTimeoutMs` passed without a reply. */
    readonly forced?: boolean;
  };

/**
 * One prompt turn in drive mode.
 *
 * @example
 * const turn = new DriveTurn(subscriber);
 * turn.abortPermissions();
 */
export class DriveTurn {
  cancelled = false;
  settled = false;
  started = false;
  /** Unsubscribed before it was sent: skipped. */
  dropped = false;
  /** The forced-settle timer of a cancelled turn (on the client's clock). */
  timer: TimerHandle | undefined;
  readonly permissionAborts = new Set<AbortController>();
  onSettled: () => void = () => {};
  constructor(readonly subscriber: Subscriber<DriveEvent>) {}

  /** Answers every pending permission request of the turn `cancelled` (§13.1 drive rule 2). */
  abortPermissions(): void {
    for (const a of this.permissionAborts) a.abort();
    this.permissionAborts.clear();
  }
}

/**
 * Client-side state of one ACP session of a driven agent.
 *
 * @example
 * const session = await ref.session();
 * session.updates$.subscribe((e) => e.type === 'update' && render(e.part));
 */
export class DriveSession {
  turn: DriveTurn | undefined;
  /** Turns run one after the other (§5.3): each waits for the previous one to settle. */
  queue: Promise<void> = Promise.resolve();
  setup: SessionSetup = {};
  /**
   * Session-level updates between turns and turn content that arrived out of turn (`outOfTurn: true`).
   * Replays the last 100 to new subscribers, so updates delivered while the session was being
   * registered (the O2 repair) are not lost to a subscriber that comes a tick later.
   */
  readonly updates$ = new ReplaySubject<DriveEvent>(100);
  constructor(readonly id: string, readonly cwd: string, readonly additionalDirectories: readonly string[]) {}
}
