import { constants, existsSync } from 'node:fs';
import { lstat, mkdir, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Linux names every open descriptor under /proc/self/fd: its realpath is the path of the file the
 * descriptor actually holds, whatever happened to the path since. Checked once per process.
 */
const PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd');

/** Thrown when the path changed between opening and checking (a swapped link): treat as outside. */
class RacedPathError extends Error {
  constructor(path: string) {
    super(`${path} changed while it was being opened`);
  }
}

/**
 * Where the file behind an open descriptor really is. On Linux, the descriptor's own /proc entry
 * answers it. Elsewhere the path is resolved again after opening and accepted only if it names the
 * very file that was opened (same device and inode); if a link was swapped in between, it does
 * not, and a RacedPathError is thrown rather than trusting either answer.
 */
export async function openedPath(handle: FileHandle, path: string): Promise<string> {
  if (PROC_FD) return realpath(`/proc/self/fd/${handle.fd}`);
  const real = await realpath(path);
  const [held, named] = await Promise.all([handle.stat(), stat(real)]);
  if (held.dev !== named.dev || held.ino !== named.ino) throw new RacedPathError(path);
  return real;
}

/**
 * Opens `path` for writing without following a link in its last component when it creates the
 * file, and without truncating (the caller truncates once the opened file passed its check).
 * The parent directory is opened first and, on Linux, the file is opened through that directory's
 * descriptor, so swapping a directory link cannot move the new file elsewhere. Nothing is created
 * unless `allowed` accepts the real path of the directory actually opened; otherwise (or if that
 * directory cannot be named safely) the result is undefined.
 */
export async function openForWrite(path: string, allowed: (dir: string) => Promise<boolean>): Promise<FileHandle | undefined> {
  const dirHandle = await open(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    let dir: string;
    try {
      dir = await openedPath(dirHandle, dirname(path));
    } catch {
      return undefined;
    }
    if (!(await allowed(dir))) return undefined;
    const through = PROC_FD ? `/proc/self/fd/${dirHandle.fd}` : dir;
    const target = join(through, basename(path));
    try {
      return await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW);
    } catch (err) {
      // The last component is a link: follow it to an existing file only (never create through it).
      if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err;
      return await open(target, constants.O_WRONLY);
    }
  } finally {
    await dirHandle.close();
  }
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);

/** Opens a directory and returns its handle with its real path (undefined if it cannot be named). */
async function openDir(path: string): Promise<{ handle: FileHandle; real: string | undefined }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    return { handle, real: await openedPath(handle, path) };
  } catch {
    return { handle, real: undefined };
  }
}

/**
 * `mkdir -p` for the parent of a file to write, one level at a time: each missing directory is
 * created inside the directory actually opened one level up (through its descriptor on Linux),
 * and only if `allowed` accepts that directory's real path. A link swapped into the path cannot
 * make it create directories elsewhere. Returns false if a level was refused.
 */
export async function makeParents(dir: string, allowed: (dir: string) => Promise<boolean>): Promise<boolean> {
  const missing: string[] = [];
  let existing = dir;
  while (!(await exists(existing))) {
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(basename(existing));
    existing = parent;
  }
  for (const name of missing) {
    const { handle, real } = await openDir(existing);
    try {
      if (real === undefined || !(await allowed(real))) return false;
      await mkdir(join(PROC_FD ? `/proc/self/fd/${handle.fd}` : real, name)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    } finally {
      await handle.close();
    }
    existing = join(existing, name);
  }
  return true;
}
