import type { Transport } from '@troupe/runtime';

/**
 * A `Transport` of text lines with a synchronous write path, for producers that emit many small
 * frames in one turn (a streamed reply): `write` queues without allocating a promise per frame, and
 * `ready` is the back-pressure signal to wait on instead.
 *
 * @example
 * const err = t.write('{"jsonrpc":"2.0","method":"x"}');
 * if (!err) await t.ready();
 */
export interface LineTransport extends Transport<string> {
  /** Queues one line (no terminator); returns the error instead of rejecting. */
  write(line: string): Error | undefined;
  /** Undefined while the output keeps up, else a promise that resolves once it drained. */
  ready(): Promise<void> | undefined;
  /** Why the transport closed, once it did (`end of input`, `output error`, …). */
  readonly closeReason?: string | undefined;
  /** The error behind a close caused by a failure (EPIPE, a read error). */
  readonly closeCause?: Error | undefined;
}
