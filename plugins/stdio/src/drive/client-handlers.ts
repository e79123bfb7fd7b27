import type { CreateElicitationResult, PermissionOutcome, RequestPermissionParams } from '@troupe/protocol-stdio';
import type { FsPolicy } from './fs-handler.js';

/**
 * How permission requests are answered: `reject` (the default: the first `reject_*` option),
 * `allow` (the first `allow_*` option), or a function (a UI prompt, an actor ask…). The function's
 * signal aborts when the turn is cancelled; the request is then answered `cancelled` (§13.1).
 */
export type PermissionPolicy =
  | 'allow'
  | 'reject'
  | ((request: RequestPermissionParams, ctx: { readonly signal: AbortSignal }) => PermissionOutcome | Promise<PermissionOutcome>);

/** The pluggable client side of a driven ACP agent. Every capability is advertised only if configured. */
export interface ClientHandlers {
  /** Default `reject`. */
  readonly permission?: PermissionPolicy;
  /** File access, confined to the session's cwd (+ additionalDirectories, + `roots`). Default read-only; `false` = none. */
  readonly fs?: FsPolicy | false;
  /** Run `terminal/*` commands for the agent. Default false. */
  readonly terminal?: boolean;
  /** Answers `elicitation/create` in form mode; advertised only when given. */
  readonly elicit?: (params: Record<string, unknown>, ctx: { readonly signal: AbortSignal }) => CreateElicitationResult | Promise<CreateElicitationResult>;
}

/** The outcome a policy picks, or `cancelled` when none fits (an unknown optionId is never sent, §7). */
export async function decidePermission(policy: PermissionPolicy | undefined, request: RequestPermissionParams, signal: AbortSignal): Promise<PermissionOutcome> {
  const pick = (prefix: string): PermissionOutcome => {
    const o = request.options.find((x) => String(x.kind).startsWith(prefix));
    return o ? { outcome: 'selected', optionId: o.optionId } : { outcome: 'cancelled' };
  };
  if (policy === 'allow') return pick('allow');
  if (policy === undefined || policy === 'reject') return pick('reject');
  const cancelled = new Promise<PermissionOutcome>((resolve) => {
    if (signal.aborted) resolve({ outcome: 'cancelled' });
    signal.addEventListener('abort', () => resolve({ outcome: 'cancelled' }), { once: true });
  });
  const answer = await Promise.race([Promise.resolve(policy(request, { signal })), cancelled]);
  if (signal.aborted) return { outcome: 'cancelled' };
  if (answer.outcome === 'selected' && !request.options.some((o) => o.optionId === answer.optionId)) return { outcome: 'cancelled' };
  return answer;
}
