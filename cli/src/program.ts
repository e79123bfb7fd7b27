import { Command } from 'commander';
import { LOG_FORMATS, parseLogFormat, setLogFormat } from './logger.js';
import { VERSION } from './version.js';

/** A subcommand module: adds itself to the program. Plugins' commands live in commands/<plugin>.ts. */
export type Register = (program: Command) => void;

/**
 * The subcommands by name, each imported only when needed: `troupe acp serve` must not load the
 * relay plugin or lmdb before it answers an editor's `initialize`.
 */
const relay = async (): Promise<Register> => (await import('./commands/relay.js')).registerRelay;
const registrations: Record<string, () => Promise<Register>> = {
  up: async () => (await import('./commands/up.js')).registerUp,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  acp: async () => (await import('./commands/acp.js')).registerAcp,
  relay,
  // relay.ts registers `relay-server` too (the same loader, so it is loaded once).
  'relay-server': relay,
};

/**
 * Builds the `troupe` command for `argv`: when it names a subcommand, only that one is loaded;
 * otherwise (help, version, a typo to suggest a fix for) all of them are.
 *
 * @example
 * const argv = ['node', 'troupe', '--version'];
 * await (await buildProgram(argv)).parseAsync(argv);
 */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('troupe')
    .description('Troupe: an actor runtime for AI agents. One agent class, reachable over every agent protocol.')
    .version(VERSION, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .option('--log-format <format>', `stderr logs: ${LOG_FORMATS.join(', ')} (auto: readable lines on a terminal, JSON lines otherwise)`, 'auto')
    .configureHelp({ showGlobalOptions: true })
    // Global, so every command's logger follows it, before or after the command name.
    .hook('preAction', (_program, action) => setLogFormat(parseLogFormat(String(action.optsWithGlobals()['logFormat']))));
  const named = argv.slice(2).find((arg) => Object.hasOwn(registrations, arg));
  const loaders = named !== undefined ? [registrations[named] as () => Promise<Register>] : [...new Set(Object.values(registrations))];
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program);
  program.addHelpText('after', `
Examples:
  $ troupe demo                        run the three-agent pipeline demo and serve it
  $ troupe up --agent a.mjs --relay    host an agent module behind an ACP relay until Ctrl-C
  $ troupe <command> --help            details of one command`);
  return program;
}
