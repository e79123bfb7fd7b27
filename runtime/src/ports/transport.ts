/**
 * A bidirectional frame channel. Frames are whatever the codec layer above produces (a string
 * line, a byte array, an object for in-memory pairs).
 *
 * Lifecycle rules every implementation keeps (the contract suite in `specs/` checks them):
 * - Set `onmessage`/`onerror`/`onclose` before `start()`; frames are only delivered after it.
 * - `start()` resolves once frames can be sent; calling it twice rejects.
 * - `send()` resolves when the frame was handed to the medium; after close it rejects with
 *   `TroupeError('TRANSPORT_CLOSED')`.
 * - `onerror` reports a problem that did not close the transport (it is not fatal by itself).
 * - `onclose` fires exactly once: after `close()`, after the peer closed, or after a fatal error.
 * - `close()` is idempotent.
 *
 * ```
 *  new ──start()──▶ open ──close() / peer close / fatal error──▶ closed (onclose once)
 * ```
 */
export interface Transport<Frame = unknown> {
  start(): Promise<void>;
  send(frame: Frame): Promise<void>;
  close(): Promise<void>;
  onmessage?: ((frame: Frame) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;
}
