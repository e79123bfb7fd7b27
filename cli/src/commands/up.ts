import type { Command } from 'commander';
import { loadConfig, type NodeConfig } from '../config.js';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import { startNode } from '../node.js';
import { untilSignal } from '../until-signal.js';

interface UpFlags { node: string; data: string; memory?: boolean; logLevel: string; config?: string }

/** Flags given on the command line win over the config file, which wins over defaults. */
function merge(cmd: Command, flags: UpFlags, file: NodeConfig): Required<Omit<NodeConfig, 'memory'>> & { memory: boolean } {
  const fromCli = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
  const logLevel = fromCli('logLevel') ? flags.logLevel : (file.logLevel ?? flags.logLevel);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    node: fromCli('node') ? flags.node : (file.node ?? flags.node),
    data: fromCli('data') ? flags.data : (file.data ?? flags.data),
    memory: fromCli('memory') ? Boolean(flags.memory) : (file.memory ?? false),
    logLevel: logLevel as LogLevel,
  };
}

/** `troupe up`: a node on its own, with the durable store; plugins join through their flags. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('start a Troupe node (logs as JSON lines on stderr; Ctrl-C stops it gracefully)')
    .option('--config <file>', 'JSON config: { "node", "data", "memory", "logLevel" } (flags win over it)')
    .option('--node <name>', 'node name used in troupe:// addresses', 'local')
    .option('--data <dir>', 'directory of the durable lmdb store', '.troupe/data')
    .option('--memory', 'keep all state in memory (nothing on disk)')
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info')
    .addHelpText('after', '\nExample:\n  $ troupe up --config troupe.json --log-level debug')
    .action(async (flags: UpFlags, cmd: Command) => {
      const cfg = merge(cmd, flags, flags.config ? loadConfig(flags.config) : {});
      const node = await startNode({ node: cfg.node, dataDir: cfg.memory ? undefined : cfg.data, logLevel: cfg.logLevel });
      // Handlers first: a signal arriving right after "node up" must already find them.
      const stopped = untilSignal(() => node.stop());
      node.logger.info({ node: cfg.node, store: cfg.memory ? 'memory' : cfg.data }, 'node up; Ctrl-C to stop');
      await stopped;
      node.logger.info({ node: cfg.node }, 'node stopped');
    });
}
