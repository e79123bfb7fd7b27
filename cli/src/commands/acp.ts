import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { ActorRef, Spawnable } from '@troupe/runtime';
import { serveStdio, stdio, type AcpAgentLink, type AcpServeOptions, type DriveEvent, type PermissionPolicy } from '@troupe/plugin-stdio';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import { ProgressLine } from '../progress-line.js';
import { startNode } from '../node.js';
import { spawnDemoPipeline } from './demo.js';

/** Options of `troupe acp serve`. */
interface ServeOpts { demo?: boolean; fast?: boolean; name?: string; sessionStore?: boolean; data?: string; logLevel: string }
/** Options of `troupe acp run`. */
interface RunOpts { cwd?: string; yes?: boolean; write?: boolean; terminal?: boolean; logLevel: string }

function level(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

/**
 * The agent a module exports (`default`, `agent`, or the first export that can be spawned) and its
 * optional `acp` export: serve options such as modes, configOptions, onSessionOpen or authMethods.
 */
async function loadAgent(module: string): Promise<{ agent: Spawnable; options: AcpServeOptions }> {
  const mod = (await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>;
  const options = (typeof mod['acp'] === 'object' && mod['acp'] !== null ? mod['acp'] : {}) as AcpServeOptions;
  const spawnable = (v: unknown): boolean =>
    typeof v === 'function' || (typeof v === 'object' && v !== null && typeof (v as { receive?: unknown }).receive === 'function');
  const found = [mod['default'], mod['agent'], ...Object.entries(mod).filter(([k]) => k !== 'acp').map(([, v]) => v)].find(spawnable);
  if (!found) throw new Error(`${module} exports no agent: export an Agent class (default or named "agent"), a behavior or a handler function`);
  return { agent: found as Spawnable, options };
}

async function serve(module: string | undefined, opts: ServeOpts): Promise<void> {
  if (!module && !opts.demo) throw new Error('give a module that exports an agent, or --demo');
  // Logs go to stderr (pino on fd 2); stdout carries only ACP frames from here on.
  const node = await startNode({ logLevel: level(opts.logLevel), dataDir: opts.data });
  let target: Spawnable | ActorRef;
  let moduleOptions: AcpServeOptions = {};
  if (opts.demo) target = spawnDemoPipeline(node, opts.fast === true).flow;
  else ({ agent: target, options: moduleOptions } = await loadAgent(module as string));
  const server = await serveStdio(target, {
    ...moduleOptions,
    system: node.system,
    // The demo pipeline reports each stage as progress: show it as thoughts in the editor.
    ...(opts.demo ? { progress: 'thought' as const } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.demo ? { agentInfo: { name: 'troupe-demo', title: 'Troupe demo pipeline (researcher -> writer -> editor)', version: '0.1.0' } } : {}),
    sessionStore: opts.sessionStore === true || opts.data !== undefined || moduleOptions.sessionStore === true,
  });
  await server.closed;
  // stdin EOF: the turns are cancelled; leave within a second whatever still holds the loop (§3.6).
  await Promise.race([node.stop(), new Promise((r) => setTimeout(r, 600).unref())]);
  process.exit(0);
}

/**
 * Draws one turn event. Answer text streams as it comes; thoughts (such as the demo pipeline's
 * stage notes) show as a dim note on the current row that never splits the text; tool calls,
 * plans and the stop reason get lines of their own.
 */
function render(e: DriveEvent, line: ProgressLine): void {
  if (e.type === 'stop') {
    line.clear();
    line.write(`\n[${e.stopReason}${e.forced ? ', forced' : ''}]\n`);
    return;
  }
  const p = e.part;
  switch (p.type) {
    case 'text': line.write(p.text); break;
    case 'thought': if (p.text.trim()) line.update(p.text.trim()); break;
    case 'tool_call': line.write(`\n[tool ${p.toolCallId}${p.title ? ` ${p.title}` : ''}${p.status ? ` (${p.status})` : ''}]\n`); break;
    case 'plan': line.write(`\n[plan]\n${p.entries.map((x) => `  ${x.status === 'completed' ? 'x' : ' '} ${x.content}`).join('\n')}\n`); break;
    default: break;
  }
}

async function run(command: string[], opts: RunOpts): Promise<void> {
  if (command.length === 0) throw new Error('give the agent command after --, e.g. troupe acp run -- npx some-acp-agent');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string | undefined> => {
    const r = await lines.next();
    return r.done ? undefined : String(r.value);
  };
  const out = process.stdout;
  const ask: PermissionPolicy = async (req) => {
    out.write(`\n[permission] ${req.toolCall.title ?? req.toolCall.toolCallId}\n${req.options.map((o, i) => `  ${i + 1}) ${o.name} (${o.kind})`).join('\n')}\nchoose 1-${req.options.length}: `);
    const answer = await nextLine();
    const picked = req.options[Number(answer) - 1];
    return picked ? { outcome: 'selected', optionId: picked.optionId } : { outcome: 'cancelled' };
  };
  const node = await startNode({ logLevel: level(opts.logLevel), plugins: [stdio()] });
  const cwd = resolve(opts.cwd ?? process.cwd());
  const ref = (await node.system.connect({
    command, cwd,
    handlers: { permission: opts.yes ? 'allow' : process.stdin.isTTY ? ask : 'reject', fs: { read: true, write: opts.write === true }, terminal: opts.terminal === true },
  })) as AcpAgentLink;
  const info = ref.agentInfo?.agentInfo;
  out.write(`connected to ${info?.title ?? info?.name ?? command[0]}${info?.version ? ` ${info.version}` : ''} in ${cwd}; type a prompt (Ctrl-C cancels a turn, Ctrl-D quits)\n`);
  for (;;) {
    out.write('> ');
    const line = await nextLine();
    if (line === undefined) break;
    if (!line.trim()) continue;
    await new Promise<void>((done) => {
      const onSigint = (): void => { void ref.cancel(); };
      process.on('SIGINT', onSigint);
      rl.on('SIGINT', onSigint);
      const view = new ProgressLine(out);
      ref.turn(line).subscribe({
        next: (e) => render(e, view),
        error: (err: unknown) => { view.clear(); out.write(`\n[error] ${(err as Error).message}\n`); finish(); },
        complete: () => finish(),
      });
      function finish(): void {
        process.off('SIGINT', onSigint);
        rl.off('SIGINT', onSigint);
        done();
      }
    });
  }
  rl.close();
  await node.stop();
  process.exit(0);
}

/**
 * `troupe acp`: the Agent Client Protocol over stdio. `serve` makes a Troupe agent an ACP agent an
 * editor can launch; `run` is a small terminal client for any ACP agent.
 */
export function registerAcp(program: Command): void {
  const acp = program
    .command('acp')
    .description('Agent Client Protocol (the JSON-RPC over stdio that Zed and other editors speak): serve a Troupe agent, or drive an ACP agent');
  acp
    .command('serve')
    .argument('[module]', 'JS module exporting an Agent class (default export or "agent"), a behavior or a handler function, and optionally `acp` (serve options: modes, configOptions, onSessionOpen, authMethods...)')
    .description('serve a Troupe agent as an ACP agent on stdin/stdout (stdout carries only protocol frames; logs go to stderr)')
    .option('--demo', 'serve the demo pipeline (researcher -> writer -> editor); needs nothing else')
    .option('--fast', 'with --demo: no artificial delays between steps')
    .option('--name <name>', 'actor name of the served agent')
    .option('--session-store', 'keep sessions: enables session/load (history replay), list, resume, close, delete')
    .option('--data <dir>', 'keep sessions on disk (lmdb) so they survive agent restarts; implies --session-store')
    .option('--log-level <level>', `stderr log level, one of ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', `
Examples:
  $ troupe acp serve --demo                       the demo pipeline, for an editor or \`troupe acp run\`
  $ troupe acp serve ./dist/my-agent.js           an agent module of your own
  $ troupe acp serve --demo --data .troupe/acp    sessions an editor can reload after a restart
  Zed (settings.json):
    "agent_servers": { "Troupe": { "command": "node", "args": ["<repo>/cli/bin/troupe.mjs", "acp", "serve", "--demo"] } }`)
    .action((module: string | undefined, opts: ServeOpts) => serve(module, opts));
  acp
    .command('run')
    .argument('<command...>', 'the ACP agent command and its arguments (put them after --)')
    .description('a small terminal client: start an ACP agent, type prompts, watch the streamed answer, tool calls and plan, answer permission prompts')
    .option('--cwd <dir>', 'working directory of the agent and its session (file access is confined to it)')
    .option('-y, --yes', 'allow every permission request (default: ask when interactive, else reject)')
    .option('--write', 'let the agent write files inside --cwd (reads are always allowed there)')
    .option('--terminal', 'let the agent run commands in terminals')
    .option('--log-level <level>', `stderr log level, one of ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', `
Examples:
  $ troupe acp run -- troupe acp serve --demo     talk to the demo pipeline over ACP (type: actors)
  $ troupe acp run --cwd . --write -- npx some-acp-agent`)
    .action((command: string[], opts: RunOpts) => run(command, opts));
}
