import type { Command } from 'commander';
import type { RelayOptions } from '@troupe/plugin-relay';
import type { NodeConfig, RelayConfig } from './config.js';
import { parseLogLevel, parsePort } from './flags.js';
import type { LogLevel } from './logger.js';

/** The flags of `troupe up`, as commander hands them over. */
export interface UpFlags {
  readonly config?: string;
  readonly node: string;
  readonly data: string;
  readonly memory?: boolean;
  readonly agent?: string;
  readonly relay?: boolean;
  readonly relayName?: string;
  readonly relayPort?: string;
  readonly relayHttpPort?: string;
  readonly join?: string[];
  readonly logLevel: string;
}

/** What `troupe up` will start, flags and config file merged. */
export interface UpPlan {
  readonly node: string;
  /** Store directory, or `undefined` for memory. */
  readonly dataDir: string | undefined;
  readonly logLevel: LogLevel;
  readonly agent: string | undefined;
  /** Relay options (without the hosted agent), or `undefined` for no relay. */
  readonly relay: RelayOptions | undefined;
}

/** Relay options from the config file's `relay` section (names as the `troupe relay` flags). */
function relayOptions(cfg: RelayConfig): RelayOptions {
  const { rendezvous, allowHost, ...same } = cfg;
  return {
    ...same,
    ...(rendezvous === undefined ? {} : { rendezvousUrl: rendezvous }),
    ...(allowHost === undefined ? {} : { allowedHosts: allowHost }),
  };
}

/**
 * Merges the flags of `troupe up` with its config file: a flag given on the command line wins over
 * the file, which wins over the flag's default. Any `--relay-*` or `--join` flag implies `--relay`.
 */
export function planUp(cmd: Command, flags: UpFlags, file: NodeConfig): UpPlan {
  const fromCli = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
  const pick = <T>(name: string, flag: T, fromFile: T | undefined): T => (fromCli(name) || fromFile === undefined ? flag : fromFile);
  const memory = pick('memory', flags.memory === true, file.memory);
  const relayFlags: RelayOptions = {
    ...(flags.relayName === undefined ? {} : { name: flags.relayName }),
    ...(flags.relayPort === undefined ? {} : { port: parsePort(flags.relayPort, '--relay-port') }),
    ...(flags.relayHttpPort === undefined ? {} : { httpPort: parsePort(flags.relayHttpPort, '--relay-http-port') }),
    ...(flags.join === undefined ? {} : { join: flags.join }),
  };
  const wantRelay = flags.relay === true || Object.keys(relayFlags).length > 0 || file.relay !== undefined;
  return {
    node: pick('node', flags.node, file.node),
    dataDir: memory ? undefined : pick('data', flags.data, file.data),
    logLevel: parseLogLevel(pick('logLevel', flags.logLevel, file.logLevel)),
    agent: flags.agent ?? file.agent,
    relay: wantRelay ? { ...relayOptions(file.relay === true || file.relay === undefined ? {} : file.relay), ...relayFlags } : undefined,
  };
}
