import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/** Workspace packages, read from the root `workspaces` globs (one level of `*`). */
function workspaceDirs(): string[] {
  const globs: string[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  return globs.flatMap((g) => {
    if (!g.endsWith('/*')) return [g];
    const base = g.slice(0, -2);
    return readdirSync(join(root, base)).map((d) => `${base}/${d}`);
  }).filter((d) => existsSync(join(root, d, 'package.json')));
}

/**
 * Tests run against sources, not builds: every `exports` entry's `source` condition becomes an alias,
 * so `@troupe/runtime/testing` resolves to `runtime/src/testing/index.ts`.
 */
function sourceAliases() {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const dir of workspaceDirs()) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    for (const [sub, target] of Object.entries<Record<string, string>>(pkg.exports ?? {})) {
      if (!target.source) continue;
      const spec = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
      const escaped = spec.replace(/[/.]/g, (c: string) => `\\${c}`);
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: resolve(root, dir, target.source) });
    }
  }
  return aliases;
}

const shared = {
  resolve: { alias: sourceAliases() },
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: false } },
};
/** Per-project test options (projects do not inherit the root `test` block). */
const testDefaults = { testTimeout: 20_000 };

export default defineConfig({
  ...shared,
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      ...workspaceDirs().map((dir) => ({
        ...shared,
        test: { ...testDefaults, name: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name, root: join(root, dir), include: ['test/**/*.test.ts'] },
      })),
      { ...shared, test: { ...testDefaults, name: 'specs', root: join(root, 'specs'), include: ['**/*.test.ts'] } },
      { ...shared, test: { ...testDefaults, name: 'bench', root: join(root, 'bench'), include: ['**/*.test.ts'] } },
    ],
  },
});
