import type { Command } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import type { RunOpts } from '../acp/run-command.js';
import type { ServeOpts } from '../acp/serve-command.js';

function level(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

/**
 * `troupe acp`: the Agent Client Protocol over stdio. `serve` makes a Troupe agent an ACP agent an
 * editor can launch; `run` is a small terminal client for any ACP agent. Each action imports its
 * implementation when it runs, so `acp serve` loads nothing else (spawn-to-initialize counts).
 */
export function registerAcp(program: Command): void {
  const acp = program
    .command('acp')
    .description('Agent Client Protocol (the JSON-RPC over stdio that Zed and other editors speak): serve a Troupe agent, or drive an ACP agent');
  acp
    .command('serve')
    .argument('[module]', 'JS module exporting the agent: its default export, else its export named "agent", else its only Agent class; plus optionally `acp` (serve options: modes, configOptions, onSessionOpen, authMethods...)')
    .description('serve a Troupe agent as an ACP agent on stdin/stdout (stdout carries only protocol frames; logs and console output go to stderr)')
    .option('--demo', 'serve the demo pipeline (researcher -> writer -> editor); needs nothing else')
    .option('--fast', 'with --demo: no artificial delays between steps')
    .option('--name <name>', 'actor name of the served agent')
    .option('--session-store', 'keep sessions: enables session/load (history replay), list, resume, close, delete')
    .option('--data <dir>', 'keep sessions on disk (lmdb) so they survive agent restarts; implies --session-store')
    .option('--log-level <level>', `stderr log level, one of ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', `
The module is imported after stdout is taken over: console.log and other stdout writes in it go to
stderr. Node 20 cannot import .ts files: compile the agent first (tsc) and serve the .js file, or
run the CLI under a loader: node --import tsx <repo>/cli/bin/troupe.mjs acp serve agent.ts

Examples:
  $ troupe acp serve --demo                       the demo pipeline, for an editor or \`troupe acp run\`
  $ troupe acp serve ./dist/my-agent.js           an agent module of your own
  $ troupe acp serve --demo --data .troupe/acp    sessions an editor can reload after a restart
  Zed (settings.json):
    "agent_servers": { "Troupe": { "command": "node", "args": ["<repo>/cli/bin/troupe.mjs", "acp", "serve", "--demo"] } }`)
    .action(async (module: string | undefined, opts: Omit<ServeOpts, 'logLevel'> & { logLevel: string }) => {
      const logLevel = level(opts.logLevel);
      const { serveCommand } = await import('../acp/serve-command.js');
      await serveCommand(module, { ...opts, logLevel });
    });
  acp
    .command('run')
    .argument('<command...>', 'the ACP agent command and its arguments (put them after --)')
    .description('a terminal client of an ACP agent: one prompt with -p (for scripts), or an interactive session that streams the answer, tool calls and plan and asks for permissions')
    .option('-p, --prompt <text>', 'one-shot: send this prompt, print only the answer on stdout, exit with the turn\'s status')
    .option('--prompt-file <file>', 'one-shot, with the prompt read from a file ("-" reads it from stdin)')
    .option('--cwd <dir>', 'working directory of the agent and its session (file access is confined to it)')
    .option('-y, --yes', 'allow every permission request (default: ask when stdin is a terminal, else reject)')
    .option('--write', 'let the agent write files inside --cwd (reads are always allowed there)')
    .option('--terminal', 'let the agent run commands in terminals')
    .option('--log-level <level>', `stderr log level, one of ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', `
Interactive mode (no -p): each line is a prompt. End a line with \\ to continue the prompt on the
next line, or put a line """ before and after a multi-line prompt (handy for pasting). Ctrl-C
cancels the running turn; Ctrl-D (end of input), or Ctrl-C at the prompt, quits. Prompts can
also be piped in, one per line.

On a terminal, escape sequences and control characters in what the agent sends are removed (it
cannot retitle the window, write the clipboard, clear the screen or redraw lines).

Exit status: 0 the turn ended (end_turn); 1 a turn failed (the agent's error is on stderr) or the
agent could not be started; 2 refusal; 3 max_tokens or max_turn_requests; 130 cancelled.
In interactive mode: 1 if any turn failed, else 0.

Examples:
  $ troupe acp run -- troupe acp serve --demo     talk to the demo pipeline over ACP (type: actors)
  $ troupe acp run -p otters -- troupe acp serve --demo --fast > answer.txt
  $ troupe acp run --prompt-file task.md -- npx some-acp-agent
  $ troupe acp run --cwd . --write -- npx some-acp-agent`)
    .action(async (command: string[], opts: Omit<RunOpts, 'logLevel'> & { logLevel: string }) => {
      const logLevel = level(opts.logLevel);
      const { runCommand } = await import('../acp/run-command.js');
      await runCommand(command, { ...opts, logLevel });
    });
}
