#!/usr/bin/env node
// Runs every benchmark program (bench/*.bench.mjs) in its own process, one after another, and
// prints a summary table. `--smoke` runs each with tiny sizes (what CI does so they cannot rot);
// a name filter runs only matching programs: `npm run bench -- tell`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const filters = args.filter((a) => !a.startsWith('--'));
const programs = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
process.stdout.write(`Troupe benchmarks - ${new Date().toISOString().slice(0, 10)} - ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}${smoke ? ' (smoke)' : ''}\n\n`);

const rows = [];
let failed = 0;
for (const file of programs) {
  process.stdout.write(`== ${file}\n`);
  const res = spawnSync(process.execPath, ['--expose-gc', join(here, file), ...(smoke ? ['--smoke'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: smoke ? 120_000 : 900_000 });
  process.stdout.write(res.stdout ?? '');
  if (res.status !== 0) {
    failed += 1;
    process.stdout.write(`!! ${file} exited with ${res.status ?? res.signal}\n`);
  }
  for (const line of (res.stdout ?? '').split('\n')) {
    if (line.startsWith('RESULT ')) rows.push(JSON.parse(line.slice(7)));
  }
}

process.stdout.write('\n| benchmark | metric | value | anchor | ratio | target | met |\n|---|---|---|---|---|---|---|\n');
for (const r of rows) {
  process.stdout.write(`| ${r.bench} | ${r.metric} | ${r.value} ${r.unit ?? ''} | ${r.anchor ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} |\n`);
}
process.exit(failed > 0 ? 1 : 0);
