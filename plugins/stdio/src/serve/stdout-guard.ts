import type { ByteSink } from '@troupe/transport-ndjson';

/** The guarded stdout: frames go to the real fd 1, everything else is redirected to stderr. */
export interface StdoutGuard {
  readonly sink: ByteSink;
  /** Puts `process.stdout.write` back. */
  restore(): void;
}

/**
 * Takes ownership of stdout for protocol frames (spec §3.3): keeps a private handle to the real
 * `process.stdout.write` and redirects every other write (including `console.log`, `info` and
 * `debug`, which write through `process.stdout.write`) to stderr. The first stray write calls
 * `onStray` once with the caller's location, so it can be reported.
 *
 * @example
 * const guard = guardStdout((where) => log('warn', `stdout write redirected to stderr from ${where}`));
 * pipeTransport(process.stdin, guard.sink);
 */
export function guardStdout(onStray?: (where: string) => void): StdoutGuard {
  const stdout = process.stdout;
  const realWrite = stdout.write.bind(stdout) as (chunk: string) => boolean;
  let warned = false;
  const redirected = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    if (!warned) {
      warned = true;
      const where = (new Error().stack ?? '').split('\n').slice(2, 4).map((l) => l.trim()).join(' <- ');
      onStray?.(where);
    }
    return (process.stderr.write as (c: unknown, e?: unknown, cb?: unknown) => boolean)(chunk, encoding, cb);
  }) as typeof stdout.write;
  stdout.write = redirected;
  const sink: ByteSink = {
    write: (chunk: string) => realWrite(chunk),
    once: (event, listener) => stdout.once(event, listener),
    on: (event, listener) => stdout.on(event, listener),
    get writableLength() { return stdout.writableLength; },
    end: () => undefined,
  };
  return {
    sink,
    restore: () => {
      if (stdout.write === redirected) stdout.write = realWrite as typeof stdout.write;
    },
  };
}
