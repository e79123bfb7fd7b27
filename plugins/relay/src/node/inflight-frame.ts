import type { JsonObject } from '@troupe/protocol-relay';
import type { QueuedFrame } from './offline-queue.js';

/**
 * One frame written to a peer and not yet acknowledged. Its own file: a peer entry keeps these
 * and the delivery tracker fills them, without either importing the other.
 */
export interface InflightFrame {
  readonly frame: JsonObject;
  /** Set when it came from the offline queue: the store keeps it until it is acknowledged. */
  readonly queued: QueuedFrame | undefined;
}
