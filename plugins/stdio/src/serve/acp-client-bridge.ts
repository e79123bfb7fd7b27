import { TroupeError } from '@troupe/runtime';
import type { ClientBridge, ClientTerminal, ElicitationRequest, ElicitationResult, PermissionOutcome, PermissionRequest, TerminalOptions } from '@troupe/actors';
import { elicitationModeAllowed, methodAllowed, requiredCapability, type ClientCapabilities, type Meta } from '@troupe/protocol-stdio';
import { ACP_ERRORS } from '../errors.js';
import type { RpcEndpoint } from '../connection/rpc-endpoint.js';

/** The turn a bridge belongs to. */
export interface BridgeTurn {
  readonly sessionId: string;
  /** Aborts on session/cancel: outstanding requests get `$/cancel_request` (§13.1 rule 2). */
  readonly signal: AbortSignal;
  /** `_meta` to put on every request of the turn (W3C trace context, §15). */
  readonly meta: Meta | undefined;
  /** True once the prompt response was written (later calls fail with `turn_closed`). */
  readonly closed: () => boolean;
}

/**
 * Capability names the ClientBridge reports, from the client's `initialize` capabilities.
 *
 * @example
 * clientCapabilityNames({ fs: { readTextFile: true }, terminal: true }); // Set { 'fs.readTextFile', 'terminal' }
 */
function clientCapabilityNames(caps: ClientCapabilities | undefined): Set<string> {
  const names = new Set<string>();
  if (caps?.fs?.readTextFile === true) names.add('fs.readTextFile');
  if (caps?.fs?.writeTextFile === true) names.add('fs.writeTextFile');
  if (caps?.terminal === true) names.add('terminal');
  if (elicitationModeAllowed(caps, 'form')) names.add('elicitation.form');
  if (elicitationModeAllowed(caps, 'url')) names.add('elicitation.url');
  return names;
}

/**
 * The ClientBridge an agent sees during an ACP turn: each call becomes an agent → client request,
 * gated by what the client declared in `initialize`. A missing capability rejects at once with
 * `CAPABILITY_UNAVAILABLE` (the ClientBridge contract) naming it, and nothing is sent (§11.3).
 * Terminals the turn created are released when it ends in error or cancellation.
 *
 * @example
 * const text = await ctx.client.fs.readTextFile('/repo/README.md');
 */
export class AcpClientBridge implements ClientBridge {
  readonly capabilities: ReadonlySet<string>;
  readonly terminals = new Set<string>();

  constructor(private readonly endpoint: RpcEndpoint, private readonly client: ClientCapabilities | undefined, private readonly turn: BridgeTurn) {
    this.capabilities = clientCapabilityNames(client);
  }

  private call<R>(method: string, params: Record<string, unknown>): Promise<R> {
    if (this.turn.closed()) return Promise.reject(new TroupeError(ACP_ERRORS.turnClosed, `${method} after the turn's prompt response`));
    if (!methodAllowed(method, { client: this.client })) {
      return Promise.reject(new TroupeError('CAPABILITY_UNAVAILABLE', `${method} is not available: the ACP client did not advertise ${requiredCapability(method) ?? method}`, { details: { acpCode: ACP_ERRORS.capabilityNotSupported } }));
    }
    const withMeta = this.turn.meta ? { ...params, _meta: this.turn.meta } : params;
    return this.endpoint.request<R>(method, { sessionId: this.turn.sessionId, ...withMeta }, { signal: this.turn.signal });
  }

  async requestPermission(request: PermissionRequest): Promise<PermissionOutcome> {
    try {
      const r = await this.call<{ outcome: PermissionOutcome }>('session/request_permission', { toolCall: request.toolCall, options: request.options });
      return r.outcome;
    } catch (err) {
      // A cancelled turn's permission dialog ends as "cancelled", never as an error (§13.1).
      if (this.turn.signal.aborted) return { outcome: 'cancelled' };
      throw err;
    }
  }

  readonly fs = {
    readTextFile: async (path: string, options?: { readonly line?: number; readonly limit?: number }): Promise<string> => {
      const r = await this.call<{ content: string }>('fs/read_text_file', { path, ...(options?.line !== undefined ? { line: options.line } : {}), ...(options?.limit !== undefined ? { limit: options.limit } : {}) });
      return r.content;
    },
    writeTextFile: async (path: string, content: string): Promise<void> => {
      await this.call('fs/write_text_file', { path, content });
    },
  };

  readonly terminal = {
    create: async (options: TerminalOptions): Promise<ClientTerminal> => {
      const params: Record<string, unknown> = { command: options.command };
      if (options.args) params['args'] = options.args;
      if (options.env) params['env'] = options.env;
      if (options.cwd !== undefined) params['cwd'] = options.cwd;
      if (options.outputByteLimit !== undefined) params['outputByteLimit'] = options.outputByteLimit;
      const { terminalId } = await this.call<{ terminalId: string }>('terminal/create', params);
      this.terminals.add(terminalId);
      return this.terminalHandle(terminalId);
    },
  };

  private terminalHandle(terminalId: string): ClientTerminal {
    const ask = <R>(method: string): Promise<R> => this.call<R>(method, { terminalId });
    return {
      id: terminalId,
      output: () => ask('terminal/output'),
      waitForExit: () => ask('terminal/wait_for_exit'),
      kill: async () => { await ask('terminal/kill'); },
      release: async () => {
        this.terminals.delete(terminalId);
        await ask('terminal/release');
      },
    };
  }

  /** Releases the turn's terminals without waiting (error or cancellation, §7). */
  releaseTerminals(): void {
    for (const terminalId of this.terminals) {
      this.endpoint.request('terminal/release', { sessionId: this.turn.sessionId, terminalId }).catch(() => {});
    }
    this.terminals.clear();
  }

  async elicit(request: ElicitationRequest): Promise<ElicitationResult> {
    if (!elicitationModeAllowed(this.client, request.mode)) {
      throw new TroupeError('CAPABILITY_UNAVAILABLE', `elicitation in ${request.mode} mode is not available: the ACP client did not advertise elicitation.${request.mode}`);
    }
    const params: Record<string, unknown> = { mode: request.mode, message: request.message };
    if (request.mode === 'form') params['requestedSchema'] = request.requestedSchema ?? { type: 'object', properties: {} };
    else {
      params['url'] = request.url;
      params['elicitationId'] = `el-${Math.random().toString(36).slice(2)}`;
    }
    return this.call<ElicitationResult>('elicitation/create', params);
  }
}
