import { TroupeError } from '@troupe/runtime';

/** One choice offered in a permission request. */
export interface PermissionOption {
  readonly optionId: string;
  readonly name: string;
  readonly kind: 'allow_once' | 'allow_always' | 'reject_once' | 'reject_always';
}

/** Asks the person at the client to allow a tool call. */
export interface PermissionRequest {
  readonly toolCall: { readonly toolCallId: string; readonly title?: string; readonly kind?: string; readonly [key: string]: unknown };
  readonly options: readonly PermissionOption[];
}

/** The answer: an option, or cancelled (the turn was cancelled meanwhile). */
export type PermissionOutcome = { readonly outcome: 'selected'; readonly optionId: string } | { readonly outcome: 'cancelled' };

/** A terminal the client runs for the agent. */
export interface ClientTerminal {
  readonly id: string;
  output(): Promise<{ readonly output: string; readonly truncated: boolean; readonly exitStatus?: { readonly exitCode?: number | null; readonly signal?: string | null } | null }>;
  waitForExit(): Promise<{ readonly exitCode?: number | null; readonly signal?: string | null }>;
  kill(): Promise<void>;
  release(): Promise<void>;
}

/** Options to start a client terminal. */
export interface TerminalOptions {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly cwd?: string;
  readonly outputByteLimit?: number;
}

/** A form or URL elicitation. */
export interface ElicitationRequest {
  readonly mode: 'form' | 'url';
  readonly message: string;
  readonly requestedSchema?: Readonly<Record<string, unknown>>;
  readonly url?: string;
}

/** What the client's person answered. */
export interface ElicitationResult {
  readonly action: 'accept' | 'decline' | 'cancel';
  readonly content?: Readonly<Record<string, unknown>>;
}

/**
 * What an agent can ask of the client that delivered its message (an editor over ACP, say). Each
 * call is gated by the capabilities that client declared; an absent one rejects with
 * `TroupeError('CAPABILITY_UNAVAILABLE')` saying which capability is missing.
 */
export interface ClientBridge {
  /** Capability names the client declared (`fs.readTextFile`, `terminal`, `elicitation.form`…). */
  readonly capabilities: ReadonlySet<string>;
  requestPermission(request: PermissionRequest): Promise<PermissionOutcome>;
  readonly fs: {
    readTextFile(path: string, options?: { readonly line?: number; readonly limit?: number }): Promise<string>;
    writeTextFile(path: string, content: string): Promise<void>;
  };
  readonly terminal: {
    create(options: TerminalOptions): Promise<ClientTerminal>;
  };
  elicit(request: ElicitationRequest): Promise<ElicitationResult>;
}

const missing = (what: string, protocol: string): Promise<never> =>
  Promise.reject(new TroupeError('CAPABILITY_UNAVAILABLE', `${what} is not available: the message came ${protocol}, whose client offers no such capability`));

/**
 * The bridge used when the message's origin offers none (a local tell, a relay peer): every call
 * rejects with a clear `CAPABILITY_UNAVAILABLE` error.
 *
 * @example
 * await noClient('locally').fs.readTextFile('/etc/hosts'); // rejects
 */
export function noClient(protocol: string): ClientBridge {
  return {
    capabilities: new Set(),
    requestPermission: () => missing('requestPermission', protocol),
    fs: {
      readTextFile: () => missing('fs.readTextFile', protocol),
      writeTextFile: () => missing('fs.writeTextFile', protocol),
    },
    terminal: { create: () => missing('terminal', protocol) },
    elicit: () => missing('elicitation', protocol),
  };
}
