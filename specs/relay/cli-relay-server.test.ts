import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLI } from './cli-process.js';

describe.skipIf(!existsSync(CLI))('troupe relay-server', () => {
  it('starts on loopback, prints its URL, refuses a guest without a waiting host (1013), stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'relay-server', '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 10_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Rendezvous ready: (ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const close = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${url}/rv/${'b'.repeat(64)}?side=guest`);
      ws.on('close', (code) => resolve(code));
      ws.on('error', reject);
    });
    expect(close).toBe(1013);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);

  it('--help explains the command with examples', async () => {
    const child = spawn(process.execPath, [CLI, 'relay-server', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.on('exit', r));
    expect(out).toMatch(/rendezvous/);
    expect(out).toMatch(/Examples:/);
  });
});
