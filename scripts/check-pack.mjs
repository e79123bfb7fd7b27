#!/usr/bin/env node
// Uses Troupe from another project, the way the README tells people to: packs every workspace
// package with `npm pack`, installs the tarballs together into a fresh temporary project, compiles a
// TypeScript example there against the packed type declarations and runs it, and runs the packed
// `troupe` command. A missing file in `files`, a wrong `exports`/`types` entry or an undeclared
// dependency fails it (imports in each package's dist/ are checked against its own dependencies
// too, since a hoisted install hides a package that only a sibling declares). Run after `npm run build` (a specs test does, inside `npm test`).
//
// Offline: the temporary project gets a lock file made from this repository's, so npm resolves no
// version over the network and takes every third-party tarball from its cache, where this
// repository's own `npm ci`/`npm install` left them.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command, failing with its output when it does not exit 0; returns stdout. */
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// Module specifiers of import/export statements, dynamic import() and require() in compiled JS.
const IMPORT_RE = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** Bare imports in a package's compiled files that its package.json does not declare. */
function undeclaredImports(dir, pkg) {
  const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const missing = new Map();
  for (const file of readdirSync(join(dir, 'dist'), { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    for (const m of readFileSync(join(dir, 'dist', String(file)), 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      const name = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
      if (PACKAGE_NAME.test(name) && !builtinModules.includes(name) && !declared.has(name) && !missing.has(name)) missing.set(name, `${name} (dist/${file})`);
    }
  }
  return [...missing.values()];
}

/**
 * A lock file for the consumer: this repository's pinned third-party entries (hoisted ones; npm
 * prunes what the tarballs do not need) and the tarballs as the root's dependencies.
 */
function consumerLock(dependencies, devDependencies) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const packages = { '': { name: 'troupe-consumer', dependencies, devDependencies } };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path.startsWith('node_modules/') && !path.startsWith('node_modules/@troupe/') && !entry.link) packages[path] = entry;
  }
  return { name: 'troupe-consumer', lockfileVersion: 3, requires: true, packages };
}

// What a consumer writes: an agent class, a workflow, the durable store subpath and the test kit.
const EXAMPLE = `import { createSystem, text, textOf, type Message, type Part } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';
import { SimulatedClock } from '@troupe/runtime/testing';
import { Agent, pipeline, type AgentContext } from '@troupe/actors';

class Shouter extends Agent {
  static override card = { name: 'shouter', description: 'Repeats what you say, louder' };
  async *onMessage(msg: Message, ctx: AgentContext) {
    ctx.progress('warming up');
    for (const word of textOf(msg).split(' ')) yield text(\`\${word.toUpperCase()} \`);
  }
}

const system = await createSystem({ store: lmdbStore({ path: process.argv[2] ?? 'data' }) });
const shouter = system.spawn(Shouter, { name: 'shouter' });
const exclaim = system.spawn((m: Message) => \`\${textOf(m).trim()}!\`);
const parts: Part[] = [];
await pipeline(shouter, exclaim).ask('packed and installed').forEach((part) => parts.push(part));
await system.shutdown();
console.log(JSON.stringify({ parts, clock: typeof new SimulatedClock().now() }));
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
    outDir: 'out', types: ['node'],
  },
  files: ['example.ts'],
};

const work = mkdtempSync(join(tmpdir(), 'troupe-pack-'));
try {
  const packs = join(work, 'packs');
  const app = join(work, 'app');
  mkdirSync(packs);
  mkdirSync(app);
  const workspaces = JSON.parse(run(npm, ['query', '.workspace', '--loglevel=error'], root));
  const undeclared = workspaces.flatMap((w) => undeclaredImports(join(root, w.location), w).map((m) => `${w.name} imports ${m}`));
  if (undeclared.length > 0) throw new Error(`undeclared dependencies:\n  ${undeclared.join('\n  ')}`);
  const packed = JSON.parse(run(npm, ['pack', '--workspaces', '--json', '--pack-destination', packs, '--loglevel=error'], root));
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${join(packs, p.filename)}`]));
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const devDependencies = { '@types/node': rootPkg.devDependencies['@types/node'] };
  writeFileSync(join(app, 'package.json'), JSON.stringify({
    name: 'troupe-consumer', private: true, type: 'module', dependencies, devDependencies,
    allowScripts: rootPkg.allowScripts,
  }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLock(dependencies, devDependencies), null, 2));
  try {
    run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  } catch (err) {
    throw new Error(`${err.message}\n(ENOTCACHED means npm's cache lacks a tarball: run \`npm ci\` in the repository first)`);
  }
  writeFileSync(join(app, 'example.ts'), EXAMPLE);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], app);
  const result = JSON.parse(run(process.execPath, [join(app, 'out', 'example.js'), join(work, 'data')], app));
  const expected = [{ type: 'progress', note: 'warming up' }, { type: 'text', text: 'PACKED AND INSTALLED!' }];
  if (JSON.stringify(result.parts) !== JSON.stringify(expected) || result.clock !== 'number') {
    throw new Error(`the example printed ${JSON.stringify(result)}, expected parts ${JSON.stringify(expected)}`);
  }
  const version = run(npm, ['exec', '--offline', '--', 'troupe', '--version'], app).trim();
  if (version !== rootPkg.version) throw new Error(`the packed troupe command printed version '${version}', expected ${rootPkg.version}`);
  console.log(`check-pack: ${packed.length} packages packed, installed offline into a fresh project; the example and \`troupe --version\` ran`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
