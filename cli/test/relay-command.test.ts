import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Drives the built `troupe` binary as a user would (`npm test` builds first).
const bin = resolve(import.meta.dirname, '..', 'dist', 'bin.js');
const troupe = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('troupe relay', () => {
  it('issue 10: --help offers strict mode as opt-in --require-signed, and says unsigned frames are accepted by default', () => {
    const r = troupe('relay', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--require-signed');
    expect(r.stdout).toMatch(/--secret <secret>\s+shared HMAC secret: frames are signed, badly signed\s+ones dropped, unsigned ones accepted as unverified/);
    expect(r.stdout).toMatch(/--hmac-compat\s+accepted for compatibility/);
    expect(r.stdout).toMatch(/\$ troupe relay .*--require-signed/);
  });

  it('issue 10: --require-signed without --secret, or with --hmac-compat, fails with a clear message before anything starts', () => {
    const alone = troupe('relay', '--port', '0', '--require-signed');
    expect(alone.status).not.toBe(0);
    expect(alone.stderr).toMatch(/--require-signed needs --secret/);
    const both = troupe('relay', '--port', '0', '--secret', 's', '--require-signed', '--hmac-compat');
    expect(both.status).not.toBe(0);
    expect(both.stderr).toMatch(/--require-signed and --hmac-compat contradict each other/);
  });
});

describe('troupe up --config, relay section', () => {
  it('issue 10: "requireSigned" is a relay field of the config (strict mode for troupe up), checked as true or false', async () => {
    const { loadConfig } = await import('../src/config.js');
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cfg-'));
    try {
      writeFileSync(join(dir, 'ok.json'), JSON.stringify({ relay: { secret: 's', requireSigned: true } }));
      expect(loadConfig(join(dir, 'ok.json')).relay).toEqual({ secret: 's', requireSigned: true });
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ relay: { secret: 's', requireSigned: 'yes' } }));
      expect(() => loadConfig(join(dir, 'bad.json'))).toThrow(/"requireSigned" must be true or false/);
      expect(troupe('up', '--help').stdout).toContain('"requireSigned"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
