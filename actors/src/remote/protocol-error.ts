/**
 * A protocol's own error, as it came over the wire: the protocol's name, its code in its own
 * spelling (`ERR_AGENT_FAILED`, `-32603`, …) and its message. A remote ref puts one as the `cause`
 * of the `TroupeError` it ends an ask with, so programs switch on the stable Troupe `code` and
 * people still see what the remote side said.
 *
 * @example
 * new TroupeError('HANDLER_FAILED', 'the remote agent failed', {
 *   cause: new ProtocolError('relay', 'ERR_AGENT_FAILED', 'boom'),
 * });
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    /** The protocol that reported it (`relay`, `acp`, …). */
    readonly protocol: string,
    /** The wire code, in the protocol's own spelling. */
    readonly code: string | number,
    message: string,
  ) {
    super(message);
  }
}
