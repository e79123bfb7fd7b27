#!/usr/bin/env node
// Layer and cycle check for the Troupe monorepo.
// Layers (imports point down only):  protocols/* -> runtime -> actors, stores/*, transports/* -> plugins/* -> cli
//   protocols/<p>  imports no @troupe package
//   runtime        imports no @troupe package
//   actors         imports @troupe/runtime only
//   stores/<s>     imports @troupe/runtime only (durable Store backends, e.g. lmdb)
//   transports/<k> imports @troupe/runtime only (byte movers behind the Transport port)
//   plugins/<p>    imports @troupe/runtime, @troupe/actors, any @troupe/transport-<k> and its own
//                  @troupe/protocol-<p> only
//   cli            anything
// Type-only imports count. Also: no deep imports into another package's src/, no import cycle
// between source files (type-only edges included), and the DI container and native store stay
// where they belong (see RESTRICTED). Specs never import another package's test/ folder: what they
// share with a package's own tests is exported as `@troupe/<package>/testing`.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Type-only imports (`import type`, `export type`, `import('x').T`) count like any other: they
// are erased at compile time, but a layer that names another's types depends on it, and a type
// cycle ties files together just as a value cycle does.
const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

/** Whether a package in `dir` (e.g. `plugins/relay`) may import the @troupe package `pkg`. */
export function mayImport(dir, pkg) {
  const [top, sub] = dir.split('/');
  switch (top) {
    case 'protocols':
    case 'runtime':
      return false;
    case 'actors':
    case 'stores':
    case 'transports':
      return pkg === '@troupe/runtime';
    case 'plugins':
      return pkg === '@troupe/runtime' || pkg === '@troupe/actors' || pkg.startsWith('@troupe/transport-') || pkg === `@troupe/protocol-${sub}`;
    default:
      return true;
  }
}

/**
 * Third-party modules only some packages may depend on: dependency injection happens at the
 * composition root (the CLI) only, and the native lmdb store is its own package, so neither is
 * installed by every runtime user.
 */
export const RESTRICTED = { tsyringe: ['cli'], 'reflect-metadata': ['cli'], lmdb: ['stores/lmdb'] };

/** The restricted module a specifier names (`lmdb`, `lmdb/x`), if any. */
function restrictedModule(spec) {
  return Object.keys(RESTRICTED).find((m) => spec === m || spec.startsWith(`${m}/`));
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export function importsOf(source) {
  const found = [];
  for (const m of source.matchAll(IMPORT_RE)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** Returns a list of human-readable violations for the repository rooted at `root`. */
export function checkRepo(root, packageDirs) {
  const problems = [];
  const graph = new Map();
  for (const dir of packageDirs) {
    const manifest = join(root, dir, 'package.json');
    if (existsSync(manifest)) {
      const deps = JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {};
      for (const mod of Object.keys(deps).filter((d) => RESTRICTED[d] && !RESTRICTED[d].includes(dir))) {
        problems.push(`${dir}/package.json: ${dir} may not depend on '${mod}' (only ${RESTRICTED[mod].join(', ')})`);
      }
    }
    for (const file of walk(join(root, dir, 'src'))) {
      const rel = relative(root, file);
      const edges = [];
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (/^@troupe\/[^/]+\/src(\/|$)/.test(spec)) problems.push(`${rel}: deep import '${spec}' (use the package entry point)`);
        const restricted = restrictedModule(spec);
        if (restricted && !RESTRICTED[restricted].includes(dir)) problems.push(`${rel}: ${dir} may not import '${restricted}' (only ${RESTRICTED[restricted].join(', ')})`);
        if (spec.startsWith('@troupe/')) {
          const pkg = spec.split('/').slice(0, 2).join('/');
          if (!mayImport(dir, pkg)) problems.push(`${rel}: layer violation, ${dir} may not import '${pkg}'`);
        } else if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
          const candidates = [target, `${target}.ts`, join(target, 'index.ts')];
          const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
          if (hit) edges.push(relative(root, hit));
        }
      }
      graph.set(rel, edges);
    }
  }
  for (const cycle of findCycles(graph)) problems.push(`import cycle: ${cycle.join(' -> ')}`);
  problems.push(...specsIntoTestFolders(root, packageDirs));
  return problems;
}

/**
 * Imports from specs/ into a package's test/ folder, by relative path or by package name. A
 * package's test folder is private to it (not packed, free to change); specs use its `testing`
 * subpath instead, so a consumer and the specs see the same kit.
 */
function specsIntoTestFolders(root, packageDirs) {
  const problems = [];
  for (const file of walk(join(root, 'specs'))) {
    const rel = relative(root, file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split(sep).join('/') : undefined;
      const dir = target === undefined ? undefined : packageDirs.find((d) => target.startsWith(`${d}/test/`));
      if (dir !== undefined || /^@troupe\/[^/]+\/test(\/|$)/.test(spec)) {
        problems.push(`${rel}: imports '${spec}' from a package's test/ folder (use its testing subpath, e.g. @troupe/<package>/testing)`);
      }
    }
  }
  return problems;
}

/** Tarjan's strongly connected components; every component of more than one file is a cycle. */
export function findCycles(graph) {
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], cycles = [];
  const strong = (v) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.reverse());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return cycles;
}

export function workspaceDirs(root) {
  const globs = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  return globs.flatMap((g) => (g.endsWith('/*')
    ? readdirSync(join(root, g.slice(0, -2))).map((d) => `${g.slice(0, -2)}/${d}`)
    : [g])).filter((d) => existsSync(join(root, d, 'package.json')));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkRepo(root, workspaceDirs(root));
  if (problems.length > 0) {
    process.stderr.write(`check-layers: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}
