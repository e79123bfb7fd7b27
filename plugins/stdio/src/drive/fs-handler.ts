import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { invalidParams, resourceNotFound } from '@troupe/protocol-stdio';
import { RpcFailure } from '../errors.js';
import { makeParents, openForWrite, openedPath } from './opened-file.js';

/** File access an ACP agent gets from a driving Troupe client. */
export interface FsPolicy {
  readonly read?: boolean;
  readonly write?: boolean;
  /** Extra directories beyond the session's cwd (and its additionalDirectories). */
  readonly roots?: readonly string[];
}

/** Resolves symlinks of the longest existing prefix, so a link cannot lead outside the roots. */
async function realish(path: string): Promise<string> {
  let current = path;
  const tail: string[] = [];
  for (;;) {
    try {
      return resolve(await realpath(current), ...tail.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      tail.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      current = parent;
    }
  }
}

function outside(roots: readonly string[]): RpcFailure {
  return new RpcFailure(invalidParams(['path'], `is outside the session's directories (${roots.join(', ')})`));
}

/** The roots with their links resolved, once per request: every check of that request compares against these. */
function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map((root) => realish(resolve(root))));
}

/** True if the resolved `real` path is one of the resolved roots or inside one. */
function within(real: string, resolved: readonly string[]): boolean {
  return resolved.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));
}

/**
 * Throws -32602 unless `path` is absolute and inside one of `roots` (§7: confined to the session).
 * A check of the path only: a link can still be swapped before the file is opened, so reads and
 * writes check the opened descriptor again ({@link checkOpened}).
 */
async function confine(path: string, roots: readonly string[], resolved: readonly string[]): Promise<string> {
  if (!isAbsolute(path)) throw new RpcFailure(invalidParams(['path'], 'must be an absolute path'));
  const real = await realish(resolve(path));
  if (within(real, resolved)) return real;
  throw outside(roots);
}

/**
 * Closes `handle` and throws -32602 unless the file it holds lies inside the roots. This is the check
 * that counts: it looks at the file actually opened, so a link swapped between the path check and
 * the open (a time-of-check/time-of-use race) is caught.
 */
async function checkOpened(handle: FileHandle, path: string, roots: readonly string[], resolved: readonly string[]): Promise<void> {
  let real: string | undefined;
  try {
    real = await openedPath(handle, path);
  } catch {
    real = undefined;
  }
  if (real !== undefined && within(real, resolved)) return;
  await handle.close();
  throw outside(roots);
}

/**
 * `fs/read_text_file` (1-based `line`, `limit` lines) inside the roots; a missing file is -32002.
 *
 * @example
 * await readTextFile({ path: '/repo/a.ts', line: 10, limit: 5 }, ['/repo']);
 */
export async function readTextFile(params: { path: string; line?: number | null; limit?: number | null }, roots: readonly string[]): Promise<{ content: string }> {
  const resolved = await realRoots(roots);
  const path = await confine(params.path, roots, resolved);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    throw new RpcFailure(resourceNotFound('file', { path: params.path }));
  }
  await checkOpened(handle, path, roots, resolved);
  let text: string;
  try {
    text = await handle.readFile('utf8');
  } catch {
    throw new RpcFailure(resourceNotFound('file', { path: params.path }));
  } finally {
    await handle.close();
  }
  if (params.line == null && params.limit == null) return { content: text };
  const lines = text.split('\n');
  const start = Math.max(0, (params.line ?? 1) - 1);
  const end = params.limit == null ? lines.length : start + params.limit;
  return { content: lines.slice(start, end).join('\n') };
}

/**
 * `fs/write_text_file` inside the roots, creating the file (and its directory) if needed. The file
 * is opened without truncation, checked, and only then truncated and written: a swapped link never
 * lets the agent change a file outside the roots.
 */
export async function writeTextFile(params: { path: string; content: string }, roots: readonly string[]): Promise<object> {
  const resolved = await realRoots(roots);
  const path = await confine(params.path, roots, resolved);
  const allowed = (dir: string): Promise<boolean> => Promise.resolve(within(dir, resolved));
  let handle: FileHandle | undefined;
  try {
    if (await makeParents(dirname(path), allowed)) handle = await openForWrite(path, allowed);
  } catch (err) {
    throw new RpcFailure(invalidParams(['path'], `cannot be written: ${(err as NodeJS.ErrnoException).code ?? String(err)}`));
  }
  if (!handle) throw outside(roots);
  await checkOpened(handle, path, roots, resolved);
  try {
    await handle.truncate(0);
    await handle.writeFile(params.content);
  } finally {
    await handle.close();
  }
  return {};
}
