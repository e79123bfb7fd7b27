import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RelayOptions } from '@troupe/plugin-relay';
import { LOG_LEVELS, type LogLevel } from './logger.js';

/**
 * The relay a node config may host: the `troupe relay` flags of the same names (`rendezvous` and
 * `allowHost` as spelled there), plain JSON values only.
 */
export type RelayConfig = Pick<RelayOptions, 'name' | 'port' | 'httpPort' | 'host' | 'httpHost' | 'advertiseHost' | 'join' | 'secret' | 'requireSigned' | 'limitations' | 'offlineQueue'> & {
  readonly skills?: readonly string[];
  readonly rendezvous?: string;
  readonly allowHost?: readonly string[];
};

/** What a node config file (JSON) may hold. Every field is optional; flags override it. */
export interface NodeConfig {
  readonly node?: string;
  /** Store directory; a relative path is relative to the config file. */
  readonly data?: string;
  readonly memory?: boolean;
  readonly logLevel?: LogLevel;
  /** Agent module to host; a relative path is relative to the config file. */
  readonly agent?: string;
  /** Host an ACP relay: `true` for the defaults, or its options. */
  readonly relay?: true | RelayConfig;
}

/** A field check and the words that say what it expects. */
type Field = readonly [check: (v: unknown) => boolean, expected: string];

const text: Field = [(v) => typeof v === 'string' && v.length > 0, 'a non-empty string'];
const flag: Field = [(v) => typeof v === 'boolean', 'true or false'];
const port: Field = [(v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65_535, 'a port number (0-65535)'];
const texts: Field = [(v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0), 'an array of non-empty strings'];

const RELAY_FIELDS: Record<keyof RelayConfig, Field> = {
  name: text, port, httpPort: port, host: text, httpHost: text, advertiseHost: text, join: texts, secret: text, requireSigned: flag,
  skills: texts, limitations: texts, offlineQueue: flag, rendezvous: text, allowHost: texts,
};

const NODE_FIELDS: Record<keyof NodeConfig, Field> = {
  node: text,
  data: [text[0], 'a directory path'],
  memory: flag,
  logLevel: [(v) => typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v), `one of ${LOG_LEVELS.join(', ')}`],
  agent: [text[0], 'the path of an agent module'],
  relay: [(v) => v === true || isObject(v), `true or an object with ${Object.keys(RELAY_FIELDS).join(', ')}`],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks every key of `obj` against `fields`; `where` prefixes the messages (file and section). */
function checkFields(where: string, obj: Record<string, unknown>, fields: Record<string, Field>): void {
  for (const [key, value] of Object.entries(obj)) {
    const field = fields[key];
    if (!field) throw new Error(`${where}: unknown field "${key}" (known: ${Object.keys(fields).join(', ')})`);
    if (!field[0](value)) throw new Error(`${where}: "${key}" must be ${field[1]}`);
  }
}

/**
 * Reads and checks a node config file; every problem is reported with the file and field. Paths
 * in it (`data`, `agent`) are made absolute against the file's directory, so a config means the
 * same thing from any working directory.
 *
 * @example
 * loadConfig('troupe.json'); // { node: 'edge-1', data: '/srv/app/.troupe/data', relay: { port: 7801 } }
 */
export function loadConfig(path: string): NodeConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`config ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new Error(`config ${path} must be a JSON object`);
  checkFields(`config ${path}`, parsed, NODE_FIELDS);
  if (isObject(parsed['relay'])) checkFields(`config ${path}, "relay"`, parsed['relay'], RELAY_FIELDS);
  const config = parsed as NodeConfig;
  const base = dirname(resolve(path));
  return {
    ...config,
    ...(config.data === undefined ? {} : { data: resolve(base, config.data) }),
    ...(config.agent === undefined ? {} : { agent: resolve(base, config.agent) }),
  };
}
