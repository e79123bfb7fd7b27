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

  it('issue 10.1: up --help explains what it hosts, how it stops, and shows examples', () => {
    const r = troupe('up', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--agent <module>', '--relay ', '--relay-name', '--relay-port', '--join', '--config <file>']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/until Ctrl-C \(SIGINT\) or SIGTERM/);
    expect(r.stdout).toMatch(/Examples:\n  \$ troupe up/);
  });

  it('issue 10.1: up refuses a bad agent module, relay section or port before starting anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cfg-'));
    try {
      writeFileSync(join(dir, 'two.mjs'), 'export const a = () => 1;\nexport const b = () => 2;\n');
      expect(troupe('up', '--memory', '--agent', join(dir, 'two.mjs')).stderr).toMatch(/exports several agents \(a, b\): make one the default export/);
      expect(troupe('up', '--memory', '--agent', join(dir, 'none.mjs')).stderr).toMatch(/cannot load agent module/);
      expect(troupe('up', '--memory', '--relay-port', 'x').stderr).toMatch(/--relay-port must be a port number/);
      writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ relay: { port: 'seven' } }));
      expect(troupe('up', '--config', join(dir, 'cfg.json')).stderr).toMatch(/"relay": "port" must be a port number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
      expect(r.stderr).toMatch(/unknown field "port" \(known: node, data, memory, logLevel, agent, relay\)/);
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
