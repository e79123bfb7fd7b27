#!/usr/bin/env node
// Launcher kept in the source tree so npm can link the `troupe` command at install time, before
// anything is built; it runs the compiled CLI, or says how to build it.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('troupe: the CLI is not built yet; run `npm run build` (or `npm start`) at the repository root first\n');
  process.exit(1);
}
await import(compiled.href);
