// The `troupe acp` CLI as scripts and users meet it (issues 9.6 and 10): exit statuses, one-shot
// mode, multi-line prompts, hostile agent output on a real terminal, and user modules that log or
// export several things. Needs `npm run build` (the CLI runs from cli/dist).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { client, methods, ndJsonStream } from '@agentclientprotocol/sdk';
import { spawnRecorded, type RecordedChild } from './support/processes.js';

const TROUPE = fileURLToPath(new URL('../../cli/bin/troupe.mjs', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const SDK_AGENT = [process.execPath, fixture('sdk-agent.mjs')];
const DEMO = [process.execPath, TROUPE, 'acp', 'serve', '--demo', '--fast'];
const troupe = (args: string[], input?: string) =>
  spawnSync(process.execPath, [TROUPE, ...args], { encoding: 'utf8', timeout: 30_000, ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
const children: RecordedChild[] = [];
afterAll(() => { for (const c of children) c.child.kill('SIGKILL'); });

describe('troupe acp run for scripts', () => {
  it('issue 10: a failed turn exits non-zero with the agent\'s message on stderr (one-shot and interactive)', () => {
    const once = troupe(['acp', 'run', '-p', 'auth', '--', ...SDK_AGENT]);
    expect(once.status).toBe(1);
    expect(once.stderr).toContain('Authentication required');
    expect(once.stdout).toBe('');
    const piped = troupe(['acp', 'run', '--', ...SDK_AGENT], 'hello\nauth\n');
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain('echo: hello');
    expect(piped.stderr).toContain('Authentication required');
    const fine = troupe(['acp', 'run', '--', ...SDK_AGENT], 'hello\n');
    expect(fine.status).toBe(0);
  });

  it('issue 10: -p prints only the answer on stdout and exits 0; --prompt-file - reads the prompt from stdin', () => {
    const r = troupe(['acp', 'run', '-p', 'otters', '--', ...DEMO]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Sea otters hold hands while they sleep so they do not drift apart\. .* called a raft\.\n$/);
    const f = troupe(['acp', 'run', '--prompt-file', '-', '--', ...SDK_AGENT], 'one\ntwo\n');
    expect(f.status).toBe(0);
    expect(f.stdout).toBe('echo: one two');
    expect(troupe(['acp', 'run', '--prompt', 'x', '--prompt-file', '-', '--', ...SDK_AGENT], '').stderr).toContain('give --prompt or --prompt-file, not both');
    expect(troupe(['acp', 'run', '-p', ' ', '--', ...SDK_AGENT]).stderr).toContain('the prompt is empty');
  });

  it('issue 10: interactive prompts span lines with a trailing backslash or a """ block', () => {
    const r = troupe(['acp', 'run', '--', process.execPath, TROUPE, 'acp', 'serve', fixture('echo-agent.mjs')], 'first \\\nsecond\n"""\nthree\n\nfour\n"""\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('echo: first \nsecond');
    expect(r.stdout).toContain('echo: three\n\nfour');
  });

  it('acp run --help documents one-shot mode, multi-line prompts and exit statuses', () => {
    const r = troupe(['acp', 'run', '--help']);
    expect(r.stdout).toContain('--prompt-file <file>');
    expect(r.stdout).toContain('"""');
    expect(r.stdout).toMatch(/Exit status: 0/);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('issue 9.6: on a real terminal, no escape sequence or control character from the agent gets through (needs util-linux script for a pty)', () => {
    const cmd = [process.execPath, TROUPE, 'acp', 'run', '-p', 'go', '--', process.execPath, TROUPE, 'acp', 'serve', fixture('hostile-agent.mjs')].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    // The pty turns each \n into \r\n; anything else a terminal acts on is an escape.
    const shown = r.stdout.replace(/\r\n/g, '\n');
    expect(shown).toContain('answerX[permission] allow rm -rf ~? 1) yes');
    // oxlint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('troupe acp run on a terminal', () => {
  it.skipIf(!existsSync('/usr/bin/script'))('issue 10: in interactive mode Ctrl-C cancels the running turn and the session goes on; at the prompt it quits (needs util-linux script for a pty)', async () => {
    const cmd = [process.execPath, TROUPE, 'acp', 'run', '--', ...SDK_AGENT].map((a) => `'${a}'`).join(' ');
    const child = spawn('/usr/bin/script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    // Collect before any check looks: a check registered first would test the text without the
    // chunk that just arrived, and wait forever if that chunk was the last.
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    const seen = (text: string): Promise<void> => new Promise((resolve) => {
      const check = (): void => { if (out.includes(text)) { child.stdout.off('data', check); resolve(); } };
      child.stdout.on('data', check);
      check();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await seen('type a prompt');
      child.stdin.write('wait\r');
      await seen('waiting');
      child.stdin.write('\x03');
      await seen('[cancelled]');
      child.stdin.write('hello\r');
      // The turn must be over (its stop reason shown, the prompt back) before the next Ctrl-C, or
      // that Ctrl-C cancels the turn still running instead of quitting.
      await seen('[end_turn]\r\n> ');
      child.stdin.write('\x03'); // at the prompt: quits
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('troupe acp serve with a user module', () => {
  it('issue 10: console output of the module (at import time and in handlers) goes to stderr; its only Agent export is served', async () => {
    const rec = spawnRecorded(process.execPath, [TROUPE, 'acp', 'serve', fixture('noisy-agent.mjs')]);
    children.push(rec);
    const chunks: string[] = [];
    const app = client({ name: 'editor' }).onNotification(methods.client.session.update, ({ params }) => {
      if (params.update.sessionUpdate === 'agent_message_chunk' && params.update.content.type === 'text') chunks.push(params.update.content.text);
    });
    await app.connectWith(ndJsonStream(rec.web.writable, rec.web.readable), async (ctx) => {
      const init = await ctx.request(methods.agent.initialize, { protocolVersion: 1, clientCapabilities: {} });
      expect(init.agentInfo?.name).toBe('noisy');
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'ping' }] });
    });
    expect(chunks.join('')).toBe('noisy: ping');
    expect(rec.noise).toEqual([]);
    expect(rec.stderr).toContain('loading noisy agent');
    expect(rec.stderr).toContain('handling ping');
    rec.child.stdin.end();
    expect((await rec.exited).code).toBe(0);
  });

  it('issue 10: a module with several Agent exports and no default is refused with a clear error', () => {
    const r = troupe(['acp', 'serve', fixture('two-agents.mjs')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/exports several agents \(First, Second\): make one the default export or name it "agent"/);
    expect(r.stdout).toBe('');
  });

  it('issue 10: a .ts module on a Node without TypeScript support gets told what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-ts-agent-'));
    try {
      const file = join(dir, 'agent.ts');
      writeFileSync(file, 'export default function echo(m: unknown): string { return String(m); }\n');
      const r = troupe(['acp', 'serve', file]);
      if (Number(process.versions.node.split('.')[0]) < 22) {
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('cannot import TypeScript; compile it first (tsc) and pass the .js file');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
