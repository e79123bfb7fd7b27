import type { JsonObject } from '@troupe/protocol-relay';
import type { QueuedFrame } from './offline-queue.js';

/**
 * One frame written to a peer and not yet acknowledged. Its own file: a peer entry keeps these
 * and the delivery tracker fills them, without either importing the other.
 */
export interface InflightFrame {
  readonly frame: JsonObject;
  /**
   * Its store entry, deleted once it is acknowledged: set when it came from the offline queue, or
   * once a send answered 200 has been kept (see `DeliveryTracker.keep`).
   */
  queued: QueuedFrame | undefined;
}
