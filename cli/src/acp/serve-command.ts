import { guardStdout, serveStdio, type AcpServeOptions } from '@troupe/plugin-stdio';
import { createSystem, memoryStore, type ActorRef, type Spawnable, type Store } from '@troupe/runtime';
import { logInspection } from '../log-inspection.js';
import { createLogger, type LogLevel } from '../logger.js';
import { loadAgent } from './load-agent.js';

/** Options of `troupe acp serve`. */
export interface ServeOpts { demo?: boolean; fast?: boolean; name?: string; sessionStore?: boolean; data?: string; logLevel: LogLevel }

/**
 * `troupe acp serve`: one Troupe agent as an ACP agent on stdin/stdout. Only what stdio serving
 * needs is loaded (this module is imported by the command's action, and the lmdb store only with
 * `--data`), so an editor gets its `initialize` answer as soon as possible.
 */
export async function serveCommand(module: string | undefined, opts: ServeOpts): Promise<void> {
  if (!module && !opts.demo) throw new Error('give a module that exports an agent, or --demo');
  // stdout belongs to the protocol from here on, before any user code runs: a console.log at the
  // top level of the agent's module goes to stderr instead of corrupting the stream (§3.3).
  let stray: string | undefined;
  let onStray = (where: string): void => { stray = where; };
  const guard = guardStdout((where) => onStray(where));
  const logger = createLogger(opts.logLevel);
  const warnStray = (where: string): void => logger.warn({ source: 'stdio', where }, 'a write to stdout was redirected to stderr (stdout carries only ACP frames)');
  onStray = warnStray;

  let target: Spawnable | ActorRef | undefined;
  let moduleOptions: AcpServeOptions = {};
  if (!opts.demo) ({ agent: target, options: moduleOptions } = await loadAgent(module as string));
  if (stray !== undefined) warnStray(stray);

  let store: Store = memoryStore();
  if (opts.data !== undefined) {
    const { mkdirSync } = await import('node:fs');
    const { lmdbStore } = await import('@troupe/store-lmdb');
    mkdirSync(opts.data, { recursive: true });
    store = lmdbStore({ path: opts.data });
  }
  const system = await createSystem({ node: 'local', store });
  const unlog = logInspection(system, logger);
  if (opts.demo) {
    const { spawnDemoAgents } = await import('../demo/pipeline.js');
    target = spawnDemoAgents(system, opts.fast === true).flow;
  }
  const server = await serveStdio(target as Spawnable | ActorRef, {
    ...moduleOptions,
    system,
    output: guard.sink,
    // The demo pipeline reports each stage as progress: shown as thoughts before the answer starts.
    ...(opts.demo ? { progress: 'thought' as const } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.demo ? { agentInfo: { name: 'troupe-demo', title: 'Troupe demo pipeline (researcher -> writer -> editor)', version: '0.1.0' } } : {}),
    sessionStore: opts.sessionStore === true || opts.data !== undefined || moduleOptions.sessionStore === true,
  });
  await server.closed;
  guard.restore();
  // stdin EOF: the turns are cancelled; leave within a second whatever still holds the loop (§3.6).
  await Promise.race([system.shutdown().then(unlog), new Promise((r) => setTimeout(r, 600).unref())]);
  process.exit(0);
}
