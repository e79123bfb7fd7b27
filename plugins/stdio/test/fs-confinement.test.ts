import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTextFile, writeTextFile } from '../src/drive/fs-handler.js';

/**
 * A second process that keeps swapping what `path` is: the real entry `real` (a file or a directory
 * inside the session) and a symlink to `outside`. Each round moves one away and the other in, for
 * at most `rounds` rounds or until killed. A path check that resolved links sees the real entry;
 * an open a moment later may meet the link.
 */
function startSwapper(path: string, outside: string, rounds = 5_000_000): ChildProcess {
  const code = `
    const fs = require('node:fs');
    const [path, outside, rounds] = process.argv.slice(1);
    fs.symlinkSync(outside, path + '.link');
    process.stdout.write('ready\\n');
    for (let i = 0; i < Number(rounds); i++) {
      const [park, bring] = i % 2 ? ['.link', '.real'] : ['.real', '.link'];
      // A write that recreated the path in the gap makes a rename fail: go on swapping.
      try { fs.renameSync(path, path + park); fs.renameSync(path + bring, path); } catch {}
    }`;
  return spawn(process.execPath, ['-e', code, path, outside, String(rounds)], { stdio: ['ignore', 'pipe', 'inherit'] });
}

const ready = (child: ChildProcess): Promise<void> => new Promise((resolve) => child.stdout?.once('data', () => resolve()));

let dirs: string[] = [];
let swapper: ChildProcess | undefined;
afterEach(async () => {
  // Wait for the swapper to be gone before removing the directories it was renaming.
  const child = swapper;
  swapper = undefined;
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
}, 30_000);

function layout(): { root: string; away: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'troupe-fs-race-')));
  dirs.push(base);
  const root = join(base, 'session');
  const away = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(away);
  return { root, away };
}

describe('fs confinement against a racing symlink swapper', () => {
  it('issue 9.6: reads through a link swapped by another process never return a file outside the session directory', async () => {
    const { root, away } = layout();
    writeFileSync(join(root, 'inside.txt'), 'inside');
    writeFileSync(join(away, 'secret.txt'), 'SECRET');
    const link = join(root, 'inside.txt');
    swapper = startSwapper(link, join(away, 'secret.txt'));
    await ready(swapper);
    let escapes = 0;
    let served = 0;
    let refused = 0;
    for (let i = 0; i < 3_000; i++) {
      try {
        const { content } = await readTextFile({ path: link }, [root]);
        if (content === 'SECRET') escapes++;
        else served++;
      } catch {
        refused++;
      }
    }
    expect(escapes).toBe(0);
    expect(swapper.exitCode).toBeNull(); // still swapping when the reads ended
    // The race was exercised: both kinds of outcome happened.
    expect(served).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);

  it('issue 9.6: writes through a swapped file link or directory link never change or create anything outside', async () => {
    const { root, away } = layout();
    writeFileSync(join(root, 'inside.txt'), 'inside');
    writeFileSync(join(away, 'secret.txt'), 'SECRET');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'secret.txt'), 'inside');
    const fileLink = join(root, 'inside.txt');
    const dirLink = join(root, 'sub');
    swapper = startSwapper(fileLink, join(away, 'secret.txt'));
    const dirSwapper = startSwapper(dirLink, away);
    try {
      await Promise.all([ready(swapper), ready(dirSwapper)]);
      let written = 0;
      for (let i = 0; i < 500; i++) {
        for (const path of [fileLink, join(dirLink, 'new.txt'), join(dirLink, 'secret.txt')]) {
          try {
            await writeTextFile({ path, content: 'OVERWRITTEN' }, [root]);
            written++;
          } catch {
            // refused: the link pointed outside at the moment of the check or of the open
          }
        }
      }
      expect(readFileSync(join(away, 'secret.txt'), 'utf8')).toBe('SECRET');
      expect(existsSync(join(away, 'new.txt'))).toBe(false);
      expect(written).toBeGreaterThan(0);
      expect([swapper.exitCode, dirSwapper.exitCode]).toEqual([null, null]);
    } finally {
      const gone = new Promise((resolve) => dirSwapper.once('exit', resolve));
      dirSwapper.kill('SIGKILL');
      await gone;
    }
  }, 60_000);

  it('issue 9.6: creating the missing directories of a write never creates one outside through a swapped directory link', async () => {
    const { root, away } = layout();
    mkdirSync(join(root, 'sub'));
    swapper = startSwapper(join(root, 'sub'), away);
    await ready(swapper);
    for (let i = 0; i < 2_000; i++) {
      // A fresh directory name each time, so every write has a directory to create.
      await writeTextFile({ path: join(root, 'sub', `d${i}`, 'new.txt'), content: 'x' }, [root]).catch(() => undefined);
    }
    expect(swapper.exitCode).toBeNull();
    expect(readdirSync(away)).toEqual([]);
  }, 60_000);

  it('issue 9.6: a link that stays inside the roots is still followed for reads and writes', async () => {
    const { root } = layout();
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'a.txt'), 'one\ntwo\nthree');
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    expect(await readTextFile({ path: join(root, 'alias', 'a.txt'), line: 2, limit: 1 }, [root])).toEqual({ content: 'two' });
    await writeTextFile({ path: join(root, 'alias', 'a.txt'), content: 'x' }, [root]);
    expect(readFileSync(join(root, 'real', 'a.txt'), 'utf8')).toBe('x');
    await writeTextFile({ path: join(root, 'alias', 'deep', 'b.txt'), content: 'y' }, [root]);
    expect(readFileSync(join(root, 'real', 'deep', 'b.txt'), 'utf8')).toBe('y');
  });
});
