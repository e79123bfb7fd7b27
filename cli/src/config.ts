import { readFileSync } from 'node:fs';
import { LOG_LEVELS, type LogLevel } from './logger.js';

/** What a node config file (JSON) may hold. Every field is optional; flags override it. */
export interface NodeConfig {
  readonly node?: string;
  readonly data?: string;
  readonly memory?: boolean;
  readonly logLevel?: LogLevel;
}

const FIELDS: Record<keyof NodeConfig, (v: unknown) => boolean> = {
  node: (v) => typeof v === 'string' && v.length > 0,
  data: (v) => typeof v === 'string' && v.length > 0,
  memory: (v) => typeof v === 'boolean',
  logLevel: (v) => typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v),
};

const EXPECTED: Record<keyof NodeConfig, string> = {
  node: 'a non-empty string',
  data: 'a directory path',
  memory: 'true or false',
  logLevel: `one of ${LOG_LEVELS.join(', ')}`,
};

/**
 * Reads and checks a node config file; every problem is reported with the file and field.
 *
 * @example
 * loadConfig('troupe.json'); // { node: 'edge-1', data: '.troupe/data' }
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
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`config ${path} must be a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    const check = FIELDS[key as keyof NodeConfig];
    if (!check) throw new Error(`config ${path}: unknown field "${key}" (known: ${Object.keys(FIELDS).join(', ')})`);
    if (!check(value)) throw new Error(`config ${path}: "${key}" must be ${EXPECTED[key as keyof NodeConfig]}`);
  }
  return parsed as NodeConfig;
}
