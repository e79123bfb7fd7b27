import type { Implementation, McpServer } from '@troupe/protocol-stdio';
import type { ClientHandlers } from './client-handlers.js';

/** What `system.connect({ command })` takes (plus the plugin's defaults). */
export interface AcpConnectOptions {
  /** Executable and arguments of the ACP agent (no shell). */
  readonly command: readonly string[];
  /** Working directory of the process and of its default session. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Added to the parent environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Actor name of the link. Default `acp-<n>`. */
  readonly name?: string;
  readonly handlers?: ClientHandlers;
  /** MCP servers the agent should connect to in its sessions (§10.4). Default none. */
  readonly mcpServers?: readonly McpServer[];
  readonly clientInfo?: Implementation;
  /** Restart with backoff when the process dies (peer link machine). Default 3 attempts, 500 ms base, 10 s cap. */
  readonly restart?: { readonly maxAttempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Settle a cancelled turn as `forced` after this long without a reply. Default 10 s. */
  readonly cancelTimeoutMs?: number;
  /** Shutdown grace after closing stdin, before SIGTERM. Default 2 s. */
  readonly exitGraceMs?: number;
  readonly maxMessageBytes?: number;
  /**
   * Fail `connect` with `UNREACHABLE` when the process has not answered `initialize` within this
   * long (ms): a command that is not an ACP agent (`sleep`, a REPL) must not hang. Default 30 s
   * (room for `npx` to fetch an agent).
   */
  readonly connectTimeoutMs?: number;
  /** Timeout of requests other than prompts (ms). Default: spec §13.2 (60 s setup, 30 s others). */
  readonly requestTimeoutMs?: number;
}

/**
 * True for targets the stdio connector handles: `{ command: [string, ...] }`.
 *
 * @example
 * isCommandTarget({ command: ['npx', 'some-acp-agent'] }); // true
 */
export function isCommandTarget(target: unknown): target is AcpConnectOptions {
  const c = (target as { command?: unknown } | null)?.command;
  return typeof target === 'object' && Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string');
}

/** Options given beside a `{ command }` target; they override the target's own fields. */
export type AcpConnectExtra = Partial<Omit<AcpConnectOptions, 'command'>>;
