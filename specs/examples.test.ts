import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README links to these programs; they run against the built packages (`npm test` builds first).
const examples = resolve(import.meta.dirname, '..', 'examples');
const run = (file: string) => spawnSync(process.execPath, [join(examples, file)], { encoding: 'utf8', timeout: 30_000 });

describe('examples', () => {
  it('hello-agent streams the shouted words after a progress note', () => {
    const r = run('hello-agent.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('(warming up the lungs)\nACTORS ALL THE WAY DOWN \n');
  });

  it('supervision shows a restart and a fresh incarnation answering', () => {
    const r = run('supervision.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/incarnation 1 answers "hello"/);
    expect(r.stdout).toMatch(/ask failed: HANDLER_FAILED \(I tripped\)/);
    expect(r.stdout).toMatch(/supervisor: restarting troupe:\/\/local\/agents\/flaky in \d+ ms \(attempt 1\)/);
    expect(r.stdout).toMatch(/incarnation 2 answers "still there\?"/);
  });

  it('workflows prints the three compositions', () => {
    const r = run('workflows.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('pipeline: BONJOUR WORLD\nfanOut:   2 words | dlrow olleh\nroute:    3 words\n');
  });
});
