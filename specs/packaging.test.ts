import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs in `npm test` rather than only in .ci/run: it needs no network (the consumer's lock file
// comes from the repository's and npm takes the tarballs from its cache) and costs about ten
// seconds, and a broken `files`/`exports`/dependency list is otherwise found only by a user.
describe('using Troupe from another project', () => {
  it('issue 10.5: the packed workspaces install offline into a fresh project, whose TypeScript example compiles and runs, and whose troupe command works', () => {
    const script = resolve(import.meta.dirname, '..', 'scripts', 'check-pack.mjs');
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 170_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ packages packed, installed offline into a fresh project; the example and `troupe --version` ran/);
  }, 180_000);
});
