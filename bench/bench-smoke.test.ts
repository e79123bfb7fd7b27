import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every benchmark program runs in smoke mode (tiny sizes) so a refactor cannot silently break it.
// The programs import the built packages: `npm test` builds before running the suite.
const here = import.meta.dirname;
const programs = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort();

describe('benchmarks (smoke mode)', () => {
  it('there are benchmark programs', () => {
    expect(programs.length).toBeGreaterThan(0);
  });

  it.each(programs)('%s runs and reports results', (program) => {
    const res = spawnSync(process.execPath, ['--expose-gc', join(here, program), '--smoke'], { encoding: 'utf8', timeout: 120_000 });
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.status).toBe(0);
    const results = res.stdout.split('\n').filter((l) => l.startsWith('RESULT '));
    expect(results.length).toBeGreaterThan(0);
    for (const line of results) expect(JSON.parse(line.slice(7))).toHaveProperty('metric');
  }, 150_000);
});
