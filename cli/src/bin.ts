#!/usr/bin/env node
import { buildProgram } from './program.js';

// Each command loads what it needs (node.ts brings reflect-metadata for the commands that use DI).
buildProgram(process.argv)
  .then((program) => program.parseAsync(process.argv))
  .catch((err: unknown) => {
    process.stderr.write(`troupe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
