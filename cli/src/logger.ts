import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DestinationStream, Logger, pino as PinoFactory } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

/** Log levels the CLI accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** pino's numeric level of each name (`silent` writes nothing). */
const LEVEL_VALUES: Readonly<Record<LogLevel | 'fatal', number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY };

/** Log formats: readable lines, JSON lines, or `auto` (readable when the output is a terminal). */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where log lines go: stderr by default; tests pass a collector. */
export interface LogOutput {
  write(line: string): void;
  /** A terminal gets readable lines under `auto`, and colours. */
  readonly isTTY?: boolean;
}

/** The format loggers use when none is passed: `--log-format`, set once by the program. */
let processFormat: LogFormat = 'auto';

/** Sets the format of every logger created afterwards (the global `--log-format` flag). */
export function setLogFormat(format: LogFormat): void {
  processFormat = format;
}

/** Checks a `--log-format` value. */
export function parseLogFormat(value: string): LogFormat {
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new Error(`--log-format must be one of ${LOG_FORMATS.join(', ')}`);
  return value as LogFormat;
}

const stderr: LogOutput = {
  write: (line) => void writeSync(2, line),
  get isTTY() { return process.stderr.isTTY === true; },
};

/**
 * A synchronous pretty destination: pino-pretty's formatter applied to each JSON line in this
 * thread (no transport worker, so nothing is lost at exit and no thread holds the process).
 * pino-pretty is loaded only here, so JSON logging (an editor's `acp serve`) never pays for it.
 */
function prettyDestination(output: LogOutput): DestinationStream {
  const require = createRequire(import.meta.url);
  const { prettyFactory } = require('pino-pretty') as { prettyFactory: (o: PrettyOptions) => (line: string) => string };
  const format = prettyFactory({
    colorize: output.isTTY === true && process.env['NO_COLOR'] === undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname',
  });
  return { write: (line: string) => output.write(format(line)) };
}

/**
 * The CLI's logger: pino on stderr (fd 2), so stdout stays free for protocol frames (ACP over
 * stdio) and program output. Readable lines on a terminal, JSON lines otherwise or when asked.
 *
 * @example
 * const log = createLogger('info', 'json');
 * log.info({ node: 'local' }, 'node up');
 */
export function createLogger(level: LogLevel = 'info', format: LogFormat = processFormat, output: LogOutput = stderr): Logger {
  return lazily(level, () => {
    const pino = createRequire(import.meta.url)('pino') as typeof PinoFactory;
    const pretty = format === 'pretty' || (format === 'auto' && output.isTTY === true);
    const options = { level, base: null };
    if (pretty) return pino(options, prettyDestination(output));
    return pino(options, output === stderr ? pino.destination({ fd: 2, sync: true }) : { write: (line: string) => output.write(line) });
  });
}

/**
 * A logger that builds the real one on first use. pino and its dependencies cost about 20 ms of
 * start-up, which `troupe acp serve` (spawned by an editor for every connection) would pay even when
 * it never logs a line (issue 10: spawn → initialize).
 */
function lazily(level: LogLevel, make: () => Logger): Logger {
  let real: Logger | undefined;
  const target = (): Logger => (real ??= make());
  const threshold = LEVEL_VALUES[level];
  const enabled = (l: string): boolean => (LEVEL_VALUES[l as LogLevel] ?? Number.POSITIVE_INFINITY) >= threshold;
  const skip = (): void => undefined;
  return new Proxy({} as Logger, {
    get(_, key) {
      // Until the first line that will be written, answer level questions without pino.
      if (real === undefined && typeof key === 'string') {
        if (key === 'level') return level;
        if (key === 'isLevelEnabled') return enabled;
        if (key in LEVEL_VALUES && !enabled(key)) return skip;
      }
      const logger = target();
      const value: unknown = Reflect.get(logger, key, logger);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
    },
    set(_, key, value) {
      return Reflect.set(target(), key, value);
    },
    has(_, key) {
      return Reflect.has(target(), key);
    },
  });
}
