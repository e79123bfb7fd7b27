// Issue 10: `troupe acp serve` is spawned by an editor for every connection, so it loads only what
// serving over stdio needs: no relay, no lmdb store, no msgpack codec, no logger until a line is
// written. Needs `npm run build` (the CLI runs from cli/dist).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TROUPE = fileURLToPath(new URL('../../cli/bin/troupe.mjs', import.meta.url));
const AGENT = fileURLToPath(new URL('fixtures/loaded-modules-agent.mjs', import.meta.url));

describe('troupe acp serve start-up', () => {
  it('issue 10: serving loads neither pino, msgpackr, lmdb, ws nor the DI container', () => {
    const r = spawnSync(process.execPath, [TROUPE, 'acp', 'run', '-p', 'which', '--', process.execPath, TROUPE, 'acp', 'serve', AGENT], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const loaded = r.stdout.trim().split(' ');
    expect(loaded).toContain('rxjs'); // the answer really is the module list
    for (const heavy of ['pino', 'msgpackr', 'lmdb', 'ws', 'tsyringe', 'reflect-metadata']) expect(loaded).not.toContain(heavy);
  });
});
