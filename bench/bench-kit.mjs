// Shared helpers of the benchmark programs.

/** True when run with --smoke (tiny sizes, for CI). */
export const smoke = process.argv.includes('--smoke');

/** Prints one machine-readable result line (collected by run.mjs into the summary table). */
export function result(fields) {
  process.stdout.write(`RESULT ${JSON.stringify(fields)}\n`);
}

/** Percentile (0-100) of a numeric array. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Rounds for display. */
export const round = (n, digits = 0) => Number(n.toFixed(digits));

/** Heap in use after a full GC (needs --expose-gc). */
export function heapUsed() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}
