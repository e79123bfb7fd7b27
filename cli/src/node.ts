import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { container as rootContainer, inject, injectable } from 'tsyringe';
import { ActorSystem, createSystem, jsonCodec, memoryStore, realClock, type Clock, type Codec, type Plugin, type Store } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';
import { logInspection } from './log-inspection.js';
import { createLogger, type LogLevel } from './logger.js';
import { TOKENS } from './tokens.js';

/** How to start a node. */
export interface NodeOptions {
  /** Node name in addresses. Default `local`. */
  readonly node?: string;
  /** Directory of the lmdb store; `undefined` keeps state in memory only. */
  readonly dataDir?: string | undefined;
  readonly plugins?: readonly Plugin[];
  readonly logLevel?: LogLevel;
  /** Inject a logger (tests); default pino on stderr. */
  readonly logger?: Logger;
}

/** A started node. */
export interface RunningNode {
  readonly system: ActorSystem;
  readonly logger: Logger;
  /** Graceful stop: drain, stop plugins, stop actors, close the store. */
  stop(): Promise<void>;
}

/** Composition root of a CLI node: ports, logger and plugins come in through explicit tokens. */
@injectable()
class NodeComposer {
  constructor(
    @inject(TOKENS.store) private readonly store: Store,
    @inject(TOKENS.clock) private readonly clock: Clock,
    @inject(TOKENS.codec) private readonly codec: Codec,
    @inject(TOKENS.logger) private readonly logger: Logger,
    @inject(TOKENS.plugins) private readonly plugins: readonly Plugin[],
    @inject(TOKENS.node) private readonly node: string,
  ) {}

  async compose(): Promise<RunningNode> {
    const system = await createSystem({
      node: this.node,
      store: this.store,
      clock: this.clock,
      codec: this.codec,
      plugins: this.plugins,
    });
    const unlog = logInspection(system, this.logger);
    const logger = this.logger;
    this.logger.debug({ node: system.node, store: this.store.kind, plugins: system.plugins.map((p) => p.name) }, 'node started');
    return {
      system,
      logger,
      stop: async () => {
        await system.shutdown();
        unlog();
        logger.info({ node: system.node }, 'node stopped');
      },
    };
  }
}

/**
 * Starts a node: lmdb store under `dataDir` (memory without one), pino logs on stderr fed by the
 * inspection stream, and the given plugins.
 *
 * @example
 * const node = await startNode({ dataDir: '.troupe', plugins: [relay()] });
 * process.on('SIGINT', () => node.stop());
 */
export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const container = rootContainer.createChildContainer();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  container.registerInstance(TOKENS.store, options.dataDir ? lmdbStore({ path: options.dataDir }) : memoryStore());
  container.registerInstance(TOKENS.clock, realClock);
  container.registerInstance(TOKENS.codec, jsonCodec);
  container.registerInstance(TOKENS.logger, options.logger ?? createLogger(options.logLevel ?? 'info'));
  container.registerInstance(TOKENS.plugins, options.plugins ?? []);
  container.registerInstance(TOKENS.node, options.node ?? 'local');
  return container.resolve(NodeComposer).compose();
}
