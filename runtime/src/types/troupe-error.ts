/**
 * Stable codes of local (non-wire) errors. Wire errors keep their protocol's own codes; these are
 * what the runtime itself reports.
 */
export type TroupeErrorCode =
  | 'INVALID_PART'
  | 'INVALID_MESSAGE'
  | 'INVALID_ADDRESS'
  | 'INVALID_OPTIONS'
  | 'ACTOR_STOPPED'
  | 'UNKNOWN_ADDRESS'
  | 'MAILBOX_FULL'
  | 'HANDLER_FAILED'
  | 'ASK_TIMEOUT'
  | 'CANCELLED'
  | 'SHUTDOWN'
  | 'NAME_TAKEN'
  | 'NO_CONNECTOR'
  | 'CONNECT_FAILED'
  | 'DECODE_FAILED'
  | 'TRANSPORT_CLOSED'
  | 'STORE_CLOSED'
  | 'CAPABILITY_UNAVAILABLE'
  | 'PLUGIN_FAILED'
  | (string & {});

/**
 * The one local error type. `code` is stable and meant for programs; `message` is a sentence for
 * people.
 *
 * @example
 * throw new TroupeError('UNKNOWN_ADDRESS', `no actor at ${address}`);
 */
export class TroupeError extends Error {
  override readonly name = 'TroupeError';
  readonly code: TroupeErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: TroupeErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  /** True when `err` is a TroupeError, optionally of the given code. */
  static is(err: unknown, code?: TroupeErrorCode): err is TroupeError {
    return err instanceof TroupeError && (code === undefined || err.code === code);
  }
}

/** Wraps anything thrown into an Error, keeping the original as `cause`. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new TroupeError('HANDLER_FAILED', typeof thrown === 'string' ? thrown : `non-error thrown: ${safeString(thrown)}`, { cause: thrown });
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
