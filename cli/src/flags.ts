import { LOG_LEVELS, type LogLevel } from './logger.js';

/** Parses a port flag (0 = any free port); a bad value is an error naming the flag. */
export function parsePort(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n > 65_535) throw new Error(`${flag} must be a port number (0-65535), got '${value}'`);
  return n;
}

/** Checks a `--log-level` value. */
export function parseLogLevel(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

/** Commander collector of a repeatable flag (give no default: an absent flag stays undefined). */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
