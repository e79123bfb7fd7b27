import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { invalidParams, resourceNotFound } from '@troupe/protocol-stdio';
import { RpcFailure } from '../errors.js';

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

/** Throws -32602 unless `path` is absolute and inside one of `roots` (§7: confined to the session). */
export async function confine(path: string, roots: readonly string[]): Promise<string> {
  if (!isAbsolute(path)) throw new RpcFailure(invalidParams(['path'], 'must be an absolute path'));
  const real = await realish(resolve(path));
  for (const root of roots) {
    const r = await realish(resolve(root));
    if (real === r || real.startsWith(r.endsWith(sep) ? r : r + sep)) return real;
  }
  throw new RpcFailure(invalidParams(['path'], `is outside the session's directories (${roots.join(', ')})`));
}

/**
 * `fs/read_text_file` (1-based `line`, `limit` lines) inside the roots; a missing file is -32002.
 *
 * @example
 * await readTextFile({ path: '/repo/a.ts', line: 10, limit: 5 }, ['/repo']);
 */
export async function readTextFile(params: { path: string; line?: number | null; limit?: number | null }, roots: readonly string[]): Promise<{ content: string }> {
  const path = await confine(params.path, roots);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new RpcFailure(resourceNotFound('file', { path: params.path }));
  }
  if (params.line == null && params.limit == null) return { content: text };
  const lines = text.split('\n');
  const start = Math.max(0, (params.line ?? 1) - 1);
  const end = params.limit == null ? lines.length : start + params.limit;
  return { content: lines.slice(start, end).join('\n') };
}

/** `fs/write_text_file` inside the roots, creating the file (and its directory) if needed. */
export async function writeTextFile(params: { path: string; content: string }, roots: readonly string[]): Promise<object> {
  const path = await confine(params.path, roots);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, params.content);
  return {};
}
