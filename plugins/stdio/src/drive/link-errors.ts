import { TroupeError } from '@troupe/runtime';
import { ProtocolError } from '@troupe/actors';
import { ACP_ERRORS } from '../errors.js';

/** How the link names its agent in errors: the command line, as the user typed it. */
export function commandText(command: readonly string[]): string {
  return command.join(' ');
}

/**
 * The error `connect` (and asks before the first handshake) fail with when nothing that speaks
 * ACP answered: the command did not start, exited, answered `initialize` with garbage or did not
 * answer it within the connect timeout. A stable `UNREACHABLE` naming the command, with the
 * specific failure (`spawn_failed`, `connection_closed`, …) as `cause`.
 *
 * @example
 * unreachable(['sleep', '100'], err, 'no answer to initialize within 500 ms');
 */
export function unreachable(command: readonly string[], cause: unknown, reason?: string): TroupeError {
  const why = reason ?? (cause instanceof Error ? cause.message : String(cause));
  return new TroupeError('UNREACHABLE', `the ACP agent \`${commandText(command)}\` is unreachable: ${why}`, { cause, details: { command: [...command] } });
}

/**
 * The error an asker gets when the agent answered a request with a JSON-RPC error: a stable
 * Troupe code (`AUTH_REQUIRED` for -32000, else `HANDLER_FAILED`, as for a local agent that
 * failed) whose message carries what the agent said (including `data.details`, where a served
 * Troupe agent puts its own failure), and a `ProtocolError('acp', code, message)` as `cause`;
 * `details` keeps `{ method, code, message, data }`. Other errors pass through unchanged.
 *
 * @example
 * askFailure(['my-agent'], acpError('session/prompt', { code: -32603, message: 'Internal error' }));
 */
export function askFailure(command: readonly string[], err: unknown): unknown {
  if (!TroupeError.is(err, ACP_ERRORS.acpError)) return err;
  const code = err.details?.['code'];
  const message = err.details?.['message'];
  if (typeof code !== 'number' || typeof message !== 'string') return err;
  const said = dataDetails(err.details?.['data']);
  const method = String(err.details?.['method'] ?? 'request');
  const text = `the ACP agent \`${commandText(command)}\` failed ${method}: ${message} (${code})${said ? `: ${said}` : ''}`;
  return new TroupeError(code === -32000 ? 'AUTH_REQUIRED' : 'HANDLER_FAILED', text, {
    cause: new ProtocolError('acp', code, message),
    details: { ...err.details },
  });
}

/** `data.details` (internal errors) or a string `data`, bounded: the part of an error reply meant for people. */
function dataDetails(data: unknown): string | undefined {
  const d = typeof data === 'string' ? data : (data as { details?: unknown } | null | undefined)?.details;
  return typeof d === 'string' && d !== '' ? d.slice(0, 1000) : undefined;
}
