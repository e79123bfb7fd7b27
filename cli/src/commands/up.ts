import type { Command } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../logger.js';
import { startNode } from '../node.js';

/** Waits for SIGINT/SIGTERM, then runs `stop` once. */
export function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void stop().then(resolve, resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `troupe up`: a node on its own, with the durable store; plugins join through their flags. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('start a Troupe node (logs as JSON lines on stderr; Ctrl-C stops it gracefully)')
    .option('--node <name>', 'node name used in troupe:// addresses', 'local')
    .option('--data <dir>', 'directory of the durable lmdb store', '.troupe/data')
    .option('--memory', 'keep all state in memory (nothing on disk)')
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info')
    .action(async (opts: { node: string; data: string; memory?: boolean; logLevel: string }) => {
      if (!(LOG_LEVELS as readonly string[]).includes(opts.logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
      const node = await startNode({ node: opts.node, dataDir: opts.memory ? undefined : opts.data, logLevel: opts.logLevel as LogLevel });
      node.logger.info({ node: opts.node, store: opts.memory ? 'memory' : opts.data }, 'node up; Ctrl-C to stop');
      await untilSignal(() => node.stop());
    });
}
