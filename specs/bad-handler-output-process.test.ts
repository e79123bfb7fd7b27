import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The program: an Agent whose async onMessage resolves to a non-Part, asked twice. */
const PROGRAM = `
import { createSystem, textOf } from '@troupe/runtime';
import { Agent } from '@troupe/actors';
import { lastValueFrom, toArray } from 'rxjs';

class Typo extends Agent {
  async onMessage(msg) {
    return textOf(msg) === 'good' ? 'fine' : { type: 'txt', text: 'x' };
  }
}
const system = await createSystem();
const ref = system.spawn(Typo, { name: 'typo' });
try {
  await lastValueFrom(ref.ask('bad').pipe(toArray()));
  console.log('no error');
} catch (err) {
  console.log('asker got', err.code);
}
const parts = await lastValueFrom(ref.ask('good').pipe(toArray()));
console.log('then', parts.map((p) => p.text).join(''));
await system.shutdown();
`;

describe('issue 10: bad handler output in a real process', () => {
  it('issue 10: an async onMessage resolving to { type: "txt" } gives the asker INVALID_PART and the process goes on (exit 0)', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', PROGRAM], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('asker got INVALID_PART\nthen fine\n');
    expect(run.status).toBe(0);
  });
});
