import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const knip = join(root, 'node_modules', 'knip', 'bin', 'knip.js');
const tmp = mkdtempSync(join(tmpdir(), 'troupe-knip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), body);
  }
  copyFileSync(join(root, 'knip.json'), join(tmp, 'knip.json'));
  return tmp;
}

describe('dead-export check (npm run deadcode)', () => {
  it('issue 8.2: with this repository\'s knip.json, an internal export nobody imports fails the check; a package entry export does not', () => {
    const dir = tree({
      'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module', workspaces: ['runtime'] }),
      'runtime/package.json': JSON.stringify({ name: '@troupe/runtime', type: 'module', exports: { '.': { source: './src/index.ts' } } }),
      'runtime/src/index.ts': "export { publicApi } from './api.js';\n",
      'runtime/src/api.ts': [
        'export function publicApi(): number { return usedHere() + 1; }',
        'export function usedHere(): number { return 1; }',
        'export const deadInternal = 2;',
        '',
      ].join('\n'),
    });
    const r = spawnSync(process.execPath, [knip, '--no-progress', '--no-config-hints', '--reporter', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { issues: { file: string; exports: { name: string }[] }[] };
    const dead = report.issues.flatMap((i) => i.exports.map((e) => `${i.file}:${e.name}`)).sort();
    expect(dead).toEqual(['runtime/src/api.ts:deadInternal', 'runtime/src/api.ts:usedHere']);
  });
});
