/** Options of `system.connect('acp://…')` through the relay plugin. */
export interface RelayConnectOptions {
  /** Name the peer is saved under. Default: the remote node's name. */
  readonly name?: string;
  /** How long to wait for the link to come up (ms). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Keep redialling a link that did not come up within `timeoutMs` (the connect still fails with
   * `UNREACHABLE`). Default false: the dial stops and the link is forgotten.
   */
  readonly reconnect?: boolean;
}

/** A relay link, as `troupe relay` prints it: `acp://host:port/tok_…`. */
export type RelayLink = `acp://${string}`;
