import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

/** Log levels the CLI accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
  const pretty = format === 'pretty' || (format === 'auto' && output.isTTY === true);
  const options = { level, base: null };
  if (pretty) return pino(options, prettyDestination(output));
  return pino(options, output === stderr ? pino.destination({ fd: 2, sync: true }) : { write: (line: string) => output.write(line) });
}
