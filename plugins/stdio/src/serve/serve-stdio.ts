import { createSystem, type ActorContext, type ActorRef, type ActorSystem, type Message, type Spawnable } from '@troupe/runtime';
import { agentContext } from '@troupe/actors';
import type { ByteSink, ByteSource } from '@troupe/transport-ndjson';
import { pipeTransport } from '../connection/pipe-transport.js';
import { RpcEndpoint, defaultTimeout, type EndpointEvent } from '../connection/rpc-endpoint.js';
import { ServeConnection } from './serve-connection.js';
import type { AcpServeOptions } from './serve-options.js';
import { guardStdout } from './stdout-guard.js';

/** Options of {@link serveStdio}. */
export interface ServeStdioOptions extends AcpServeOptions {
  /** The system hosting the agent. Default: a fresh one (shut down when the connection ends). */
  readonly system?: ActorSystem;
  /** Default `process.stdin`. */
  readonly input?: ByteSource;
  /** Default: the real stdout, guarded (console output is redirected to stderr, §3.3). */
  readonly output?: ByteSink;
  /** Name of the spawned agent when given a class or behavior. Default: its card name or `agent`. */
  readonly name?: string;
  /** Diagnostics (bad frames, refused updates, stray stdout writes). Default: `@troupe.log` events. */
  readonly onEvent?: (event: EndpointEvent) => void;
}

/** A running stdio server. */
export interface StdioServer {
  readonly agent: ActorRef;
  readonly system: ActorSystem;
  readonly connection: ServeConnection;
  /** Resolves once the client went away (stdin EOF, EPIPE) and every turn was cancelled. */
  readonly closed: Promise<void>;
  /** Ends the connection as if stdin had closed. */
  close(): Promise<void>;
}

function isRef(target: unknown): target is ActorRef {
  return typeof target === 'object' && target !== null && typeof (target as ActorRef).address === 'string' && typeof (target as ActorRef).ask === 'function';
}

/**
 * Serves a Troupe agent as an ACP agent on stdin/stdout: what an editor such as Zed launches.
 * Each ACP session is a Session actor under the agent, each prompt a Task actor; the agent's
 * output stream becomes `session/update` notifications and `ctx.client` reaches the editor.
 *
 * @example
 * class Echo extends Agent { onMessage(m: Message) { return `you said: ${textOf(m)}`; } }
 * const server = await serveStdio(Echo);
 * await server.closed; // the editor closed stdin
 * process.exit(0);
 */
export async function serveStdio(target: Spawnable | ActorRef, options: ServeStdioOptions = {}): Promise<StdioServer> {
  const system = options.system ?? (await createSystem({}));
  const ownSystem = options.system === undefined;
  const report = (level: EndpointEvent['level'], msg: string, data?: Record<string, unknown>): void => {
    const event: EndpointEvent = data ? { level, msg, data } : { level, msg };
    if (options.onEvent) options.onEvent(event);
    else system.emit({ type: '@troupe.log', source: 'stdio', level, msg, ...(data ? { data } : {}) });
  };
  const guard = options.output ? undefined : guardStdout((where) => report('warn', `a write to stdout was redirected to stderr (stdout carries only ACP frames): ${where}`));
  const sink = options.output ?? (guard as NonNullable<typeof guard>).sink;
  const agent = isRef(target) ? target : system.spawn(withAgentContext(target), { name: options.name ?? cardName(target), restart: 'permanent' });
  const transport = pipeTransport(options.input ?? process.stdin, sink, options.maxMessageBytes);
  const timeout = options.requestTimeoutMs;
  const endpoint = new RpcEndpoint(transport, {
    mode: 'serve',
    ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
    clock: system.clock,
    report: (e) => report(e.level, e.msg, e.data as Record<string, unknown> | undefined),
    ...(timeout !== undefined ? { timeoutFor: (m: string) => (defaultTimeout(m) === undefined ? undefined : timeout) } : {}),
  });
  const connection = new ServeConnection(endpoint, system, agent, options, report);
  const closed = new Promise<void>((resolve) => {
    endpoint.onClose(() => {
      void (async () => {
        await connection.closeAll();
        guard?.restore();
        if (ownSystem) await system.shutdown({ deadlineMs: 100 });
        resolve();
      })();
    });
  });
  connection.start();
  return {
    agent,
    system,
    connection,
    closed,
    close: async () => {
      endpoint.shutdown();
      await closed;
    },
  };
}

/**
 * A plain handler function gets the runtime's ActorContext; wrap it so it sees the AgentContext
 * (`ctx.client`, `ctx.session`, `ctx.task`) like an Agent class does.
 */
function withAgentContext(target: Spawnable): Spawnable {
  if (typeof target !== 'function' || 'createBehavior' in target) return target;
  const fn = target;
  return (message: Message, ctx: ActorContext) => fn(message, agentContext(ctx));
}

function cardName(target: Spawnable): string {
  const card = (target as { card?: { name?: unknown } }).card;
  const name = typeof card?.name === 'string' ? card.name : 'agent';
  return /^[A-Za-z0-9._~@:+-]+$/.test(name) ? name : 'agent';
}
