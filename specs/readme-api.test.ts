import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

/** The first ```ts block under README.md's "## The API in 20 lines", exactly as printed. */
function readmeApiBlock(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## The API in 20 lines$/m)[1];
  const block = section === undefined ? undefined : /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md has no ```ts block under "## The API in 20 lines"');
  return block;
}

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/**
 * Compiles `source` with the project's strict `tsc` (against the built packages) and runs it in a
 * child Node process, from a scratch folder inside the repository so `@troupe/*` resolve.
 */
function compileAndRun(dir: string, name: string, source: string): Run {
  const src = join(dir, name);
  mkdirSync(src);
  writeFileSync(join(src, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(src, 'api.ts'), source);
  writeFileSync(join(src, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noImplicitOverride: true, skipLibCheck: true, outDir: 'out', types: [] },
    files: ['api.ts'],
  }));
  const tsc = spawnSync(process.execPath, [TSC, '-p', join(src, 'tsconfig.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) return { status: tsc.status, stdout: tsc.stdout, stderr: `tsc: ${tsc.stdout}${tsc.stderr}` };
  const run = spawnSync(process.execPath, [join(src, 'out', 'api.js')], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const EXPECTED = [
  "{ type: 'progress', note: 'reading' }",
  "{ type: 'text', text: 'ACTORS SHARE NOTHING. THEY TALK BY MESSAGES. ' }",
].join('\n');

describe('README "The API in 20 lines"', () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, 'specs', '.scratch'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'specs', '.scratch', 'readme-api-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('issue 10: the code block, exactly as printed, type-checks, prints the streamed parts and exits 0', () => {
    const run = compileAndRun(dir, 'verbatim', readmeApiBlock());
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(EXPECTED);
    expect(run.status).toBe(0);
  });

  it('issue 10: written the easy wrong way (subscribe, then shutdown at once), the answer still completes within the drain and the process exits 0', () => {
    const block = readmeApiBlock();
    const careless = block.replace(/^await (pipeline\([\s\S]*?)\.forEach\(/m, '$1.subscribe(');
    expect(careless).not.toBe(block);
    const run = compileAndRun(dir, 'careless', careless);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(EXPECTED);
    expect(run.status).toBe(0);
  });
});
