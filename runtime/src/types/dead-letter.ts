import type { Message } from './message.js';

/** Why a message was not delivered. */
export type DeadLetterReason =
  | 'mailbox-full'
  | 'dropped-oldest'
  | 'stopped'
  | 'unknown-address'
  | 'shutdown'
  | 'cancelled'
  /** Refused at a protocol boundary (a frame that did not decode or verify); `detail` says why. */
  | 'rejected';

/** A message that did not reach its actor, with the reason. Emitted on `system.deadLetters$`. */
export interface DeadLetter {
  readonly message: Message;
  readonly target: string;
  readonly reason: DeadLetterReason;
  readonly sender: string | undefined;
  readonly ts: number;
  /** A sentence saying why, when the reason alone does not (set for `rejected`). */
  readonly detail?: string;
}
