import type { LifecycleEvent } from '../lifecycle/lifecycle-host.js';
import type { LifecycleHandle } from '../types/actor.js';

/** What an external lifecycle handle needs of its actor. */
export interface LifecycleOwner {
  readonly state: string;
  /** True once the actor stopped: its machine takes no more events. */
  readonly gone: boolean;
  readonly lifecycleHandle: LifecycleHandle | undefined;
}

/**
 * The handle `system.lifecycleOf(ref)` gives to code outside an actor's handlers (a plugin's
 * socket callback): always the actor's current machine (a restart may replace it), mute once the
 * actor is gone.
 */
export class ExternalLifecycle implements LifecycleHandle {
  constructor(private readonly owner: LifecycleOwner) {}
  get value(): string {
    return this.owner.state;
  }
  get context(): unknown {
    return this.owner.lifecycleHandle?.context;
  }
  send(event: LifecycleEvent): void {
    if (!this.owner.gone) this.owner.lifecycleHandle?.send(event);
  }
}
