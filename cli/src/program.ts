import { Command } from 'commander';
import { registerAcp } from './commands/acp.js';
import { registerDemo } from './commands/demo.js';
import { registerRelay } from './commands/relay.js';
import { registerUp } from './commands/up.js';
import { LOG_FORMATS, parseLogFormat, setLogFormat } from './logger.js';
import { VERSION } from './version.js';

/** A subcommand module: adds itself to the program. Plugins' commands live in commands/<plugin>.ts. */
export type Register = (program: Command) => void;

const registrations: Register[] = [registerUp, registerDemo, registerAcp, registerRelay];

/**
 * Builds the `troupe` command. Exported so tests drive it in-process.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'troupe', '--version']);
 */
export function buildProgram(): Command {
  const program = new Command('troupe')
    .description('Troupe: an actor runtime for AI agents. One agent class, reachable over every agent protocol.')
    .version(VERSION, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .option('--log-format <format>', `stderr logs: ${LOG_FORMATS.join(', ')} (auto: readable lines on a terminal, JSON lines otherwise)`, 'auto')
    .configureHelp({ showGlobalOptions: true })
    // Global, so every command's logger follows it, before or after the command name.
    .hook('preAction', (_program, action) => setLogFormat(parseLogFormat(String(action.optsWithGlobals()['logFormat']))));
  for (const register of registrations) register(program);
  program.addHelpText('after', `
Examples:
  $ troupe demo                        run the three-agent pipeline demo and serve it
  $ troupe up --agent a.mjs --relay    host an agent module behind an ACP relay until Ctrl-C
  $ troupe <command> --help            details of one command`);
  return program;
}
