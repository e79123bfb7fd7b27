// acp-relay.md §8 item 72: in a network namespace whose only interface is loopback, with every
// connect()/send*() traced, a relay scenario (start, connect, messages, tasks, losing a peer)
// makes no DNS query, no non-loopback connection attempt and sends no datagram.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scenario = fileURLToPath(new URL('./hygiene-scenario.mjs', import.meta.url));
const built = existsSync(join(root, 'plugins/relay/dist/index.js'));
const tools = spawnSync('sh', ['-c', 'command -v unshare && command -v strace && command -v ip'], { encoding: 'utf8' }).status === 0;
// The whole toolchain must work here (user namespaces and ptrace may be disabled on CI runners).
const netns = tools && spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up && strace -qq -o /dev/null true']).status === 0;

describe.skipIf(!built || !netns)('§8 checklist items 7 and 72: network hygiene', () => {
  it('items 7, 72: loopback-only namespace, traced: only 127.0.0.1 connections, no DNS, no datagrams', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-hygiene-'));
    const log = join(dir, 'trace.log');
    try {
      const res = spawnSync('unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec strace -f -qq -e trace=connect,sendto,sendmsg,sendmmsg -o '${log}' '${process.execPath}' '${scenario}'`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(res.stdout, res.stderr).toContain('SCENARIO OK');
      // item 7: the four listeners (two nodes x peer + HTTP) are bound to loopback only
      expect(res.stdout.match(/^LISTEN loopback \d+$/gm)).toHaveLength(4);
      expect(res.stdout).not.toContain('NOT-LOOPBACK');
      const lines = readFileSync(log, 'utf8').split('\n').filter((l) => /\b(connect|sendto|sendmsg|sendmmsg)\(/.test(l));
      const connects = lines.filter((l) => /\bconnect\(/.test(l));
      expect(connects.length).toBeGreaterThan(0);
      for (const l of connects) expect(l, l).toMatch(/sa_family=AF_INET, sin_port=htons\(\d+\), sin_addr=inet_addr\("127\.0\.0\.1"\)/);
      expect(lines.filter((l) => /htons\(53\)/.test(l))).toEqual([]);
      expect(lines.filter((l) => /\bsend(to|msg|mmsg)\(/.test(l) && !/127\.0\.0\.1/.test(l) && /sa_family|sin_addr|msg_name=\{/.test(l))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
