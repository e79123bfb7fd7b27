import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Drives the built `troupe` binary (`npm test` builds first).
const bin = resolve(import.meta.dirname, '..', 'dist', 'bin.js');

interface Outcome { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string }

/** Starts `troupe up`, sends `signal` the moment the ready line arrives, and collects how it ended. */
function upThenSignal(signal: NodeJS.Signals, args: readonly string[] = []): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'up', '--memory', '--log-format', 'json', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes('node up')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code, sig) => done({ code, signal: sig, stderr }));
  });
}

describe('troupe up and signals', () => {
  it('issue 10.2: SIGINT sent right after the ready line stops the node gracefully, 30 times out of 30', async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 30; i++) outcomes.push(await upThenSignal(i % 2 === 0 ? 'SIGINT' : 'SIGTERM'));
    const bad = outcomes.filter((o) => o.code !== 0 || o.signal !== null || !o.stderr.includes('"node stopped"'));
    expect(bad.map((o) => ({ code: o.code, signal: o.signal, tail: o.stderr.slice(-300) }))).toEqual([]);
  }, 120_000);
});
