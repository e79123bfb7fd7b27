import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Drives the built `troupe` binary as a user would (`npm test` builds first).
const bin = resolve(import.meta.dirname, '..', 'dist', 'bin.js');
const troupe = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
const version = (JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('troupe CLI', () => {
  it('--help lists the commands with examples', () => {
    const r = troupe('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: troupe/);
    expect(r.stdout).toMatch(/up \[options\]/);
    expect(r.stdout).toMatch(/demo \[options\]/);
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('--version prints the package version', () => {
    expect(troupe('--version').stdout.trim()).toBe(version);
  });

  it('an unknown command fails with a suggestion', () => {
    const r = troupe('dmeo');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command 'dmeo'/);
    expect(r.stderr).toMatch(/Did you mean demo\?/);
  });

  it('demo streams the pipeline output and exits with --no-serve', () => {
    const r = troupe('demo', '--no-serve', '--fast', '--topic', 'otters');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/researcher -> writer -> editor on "otters"/);
    expect(r.stdout).toMatch(/Sea otters hold hands while they sleep so they do not drift apart\. An otter keeps/);
  });

  it('up rejects a bad log level with a clear message', () => {
    const r = troupe('up', '--memory', '--log-level', 'loud');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--log-level must be one of trace, debug, info, warn, error, silent/);
  });

  it('up reads a config file, and explains what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cfg-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ node: 'x', port: 1 }));
      const r = troupe('up', '--config', bad);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/unknown field "port" \(known: node, data, memory, logLevel\)/);
      writeFileSync(bad, JSON.stringify({ logLevel: 'loud' }));
      expect(troupe('up', '--config', bad).stderr).toMatch(/"logLevel" must be one of trace/);
      expect(troupe('up', '--config', join(dir, 'missing.json')).stderr).toMatch(/cannot read config/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('up starts a node with the lmdb store, logs JSON on stderr only, and stops gracefully on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-up-'));
    try {
      writeFileSync(join(dir, 'troupe.json'), JSON.stringify({ node: 'from-config', data: join(dir, 'ignored') }));
      const child = spawn(process.execPath, [bin, 'up', '--config', join(dir, 'troupe.json'), '--data', join(dir, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      const up = new Promise<void>((ok) => child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('node up')) ok();
      }));
      await up;
      const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toBe('');
      const line = JSON.parse(stderr.split('\n')[0] ?? '{}') as { msg: string; store: string; node: string };
      expect(line.msg).toMatch(/node up/);
      expect(line.store).toBe(join(dir, 'data'));
      expect(line.node).toBe('from-config');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
