import { readFileSync } from 'node:fs';

/** Reads a JSON fixture from `test/fixtures/` (never from outside the package). */
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
