// Issue 9.6 end to end: a hostile ACP agent driven by Troupe reads a path inside its session
// directory over and over while a second process keeps swapping that path between a real file
// and a symlink to a file outside. Not one read may return the outside file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { stdio } from '@troupe/plugin-stdio';

const AGENT = fileURLToPath(new URL('fixtures/fs-race-agent.mjs', import.meta.url));
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Swaps `path` between the real entry (`path.real` while parked) and a link to `outside`, bounded. */
function swapper(path: string, outside: string): ChildProcess {
  const code = `
    const fs = require('node:fs');
    const [path, outside] = process.argv.slice(1);
    fs.symlinkSync(outside, path + '.link');
    process.stdout.write('ready\\n');
    for (let i = 0; i < 20000000; i++) {
      const [park, bring] = i % 2 ? ['.link', '.real'] : ['.real', '.link'];
      try { fs.renameSync(path, path + park); fs.renameSync(path + bring, path); } catch {}
    }`;
  return spawn(process.execPath, ['-e', code, path, outside], { stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('troupe as the client of a hostile ACP agent', () => {
  it('issue 9.6: reads racing a symlink swap never return a file outside the session directory', async () => {
    const session = realpathSync(mkdtempSync(join(tmpdir(), 'fs-race-session-')));
    const outsideDir = realpathSync(mkdtempSync(join(tmpdir(), 'fs-race-outside-')));
    cleanups.push(() => { rmSync(session, { recursive: true, force: true }); rmSync(outsideDir, { recursive: true, force: true }); });
    const target = join(session, 'target');
    writeFileSync(target, 'inside file');
    writeFileSync(join(outsideDir, 'secret.txt'), 'OUTSIDE-SECRET');
    const swap = swapper(target, join(outsideDir, 'secret.txt'));
    cleanups.push(() => void swap.kill('SIGKILL'));
    await new Promise<void>((resolve) => swap.stdout?.once('data', () => resolve()));

    const system: ActorSystem = await createSystem({ plugins: [stdio()] });
    cleanups.push(() => system.shutdown({ deadlineMs: 0 }));
    const agent = await system.connect({ command: [process.execPath, AGENT], cwd: session });
    const parts = await lastValueFrom(agent.ask(`race 3000 ${target}`, { timeoutMs: 60_000 }).pipe(toArray()));
    const answer = parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
    const counts = JSON.parse(answer) as { leaked: number; inside: number; refused: number };
    expect(counts.leaked).toBe(0);
    // The race was real: reads met the inside file and the outside link both.
    expect(counts.inside).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  }, 90_000);
});
