import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSystem } from '@troupe/runtime';
import { pipeline } from '@troupe/actors';
import { createLogger, type LogFormat, type LogLevel } from '../src/logger.js';
import { logInspection } from '../src/log-inspection.js';

/** A logger whose lines land in an array. */
function collector(level: LogLevel, format: LogFormat, isTTY: boolean) {
  const lines: string[] = [];
  const logger = createLogger(level, format, { isTTY, write: (line) => void lines.push(...line.split('\n').filter(Boolean)) });
  return { logger, lines };
}

/** Crashes a leaf behind a pipeline once and returns the log lines of the failure. */
async function leafCrash(level: LogLevel): Promise<string[]> {
  const { logger, lines } = collector(level, 'json', false);
  const system = await createSystem({ node: 'test' });
  const unlog = logInspection(system, logger);
  const first = system.spawn(() => 'ok', { name: 'first' });
  const leaf = system.spawn(() => { throw new Error('boom in leaf'); }, { name: 'leaf' });
  const flow = system.spawn(pipeline(first, leaf), { name: 'flow' });
  await new Promise<void>((done) => flow.ask('go').subscribe({ error: () => done(), complete: () => done() }));
  await system.shutdown();
  unlog();
  return lines.filter((l) => (JSON.parse(l) as { msg: string }).msg === 'actor failed');
}

describe('CLI logs', () => {
  it('issue 10.6: a leaf crash logs one short line per failed actor at info, without the cause chain or stack', async () => {
    const lines = await leafCrash('info');
    expect(lines.map((l) => (JSON.parse(l) as { address: string }).address).sort()).toEqual(['troupe://test/agents/flow', 'troupe://test/agents/leaf']);
    for (const line of lines) {
      expect(line.length).toBeLessThan(300);
      expect(line).not.toMatch(/stack|"cause"/);
      // The cause's message appears once, not once per link of the chain.
      expect(line.split('boom in leaf')).toHaveLength(2);
    }
    const flowLine = JSON.parse(lines.find((l) => l.includes('agents/flow')) ?? '{}') as Record<string, unknown>;
    expect(flowLine).toMatchObject({ level: 40, directive: 'restart', code: 'HANDLER_FAILED', error: expect.stringContaining('agents/leaf failed: boom in leaf') });
  });

  it('issue 10.6: at debug level the same line carries the error with its stack and cause', async () => {
    const lines = await leafCrash('debug');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect((JSON.parse(line) as { err?: { stack?: string } }).err?.stack).toMatch(/boom in leaf/);
  });

  it('issue 10.6: readable lines on a terminal, JSON lines elsewhere; --log-format json or pretty overrides', () => {
    const say = (format: LogFormat, isTTY: boolean): string => {
      const { logger, lines } = collector('info', format, isTTY);
      logger.info({ node: 'n1' }, 'node up');
      expect(lines).toHaveLength(1);
      return lines[0] ?? '';
    };
    const readable = /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*node up.* .*\{"node":"n1"\}/;
    expect(say('auto', true)).toMatch(readable);
    expect(say('pretty', false)).toMatch(readable);
    expect(say('pretty', false).includes('\u001b[')).toBe(false); // no colours into a pipe
    expect(JSON.parse(say('auto', false))).toMatchObject({ level: 30, node: 'n1', msg: 'node up' });
    expect(JSON.parse(say('json', true))).toMatchObject({ level: 30, msg: 'node up' });
  });

  it('issue 10.6: the real stderr of a process on a terminal (a pty) gets readable lines', () => {
    const cliIndex = resolve(import.meta.dirname, '..', 'dist', 'index.js');
    const code = `import(${JSON.stringify(cliIndex)}).then((m) => m.createLogger().info({ node: 'n1' }, 'node up'))`;
    const r = spawnSync('script', ['-qec', `${process.execPath} -e ${JSON.stringify(code)}`, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/INFO.*: .*node up/);
    expect(r.stdout).not.toMatch(/"level":30/);
  });

  it('issue 10.6: --log-format pretty forces readable lines into a pipe, before or after the command name', async () => {
    const bin = resolve(import.meta.dirname, '..', 'dist', 'bin.js');
    const upUntilReady = (args: string[]): Promise<string> => new Promise((done) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('node up')) child.kill('SIGINT');
      });
      child.on('close', () => done(stderr));
    });
    for (const args of [['up', '--memory', '--log-format', 'pretty'], ['--log-format', 'pretty', 'up', '--memory']]) {
      const stderr = await upUntilReady(args);
      expect(stderr).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: node up; Ctrl-C to stop \{"node":"local","store":"memory"\}$/m);
      expect(stderr).toMatch(/INFO: node stopped/);
    }
    expect(spawnSync(process.execPath, [bin, 'up', '--memory', '--log-format', 'loud'], { encoding: 'utf8' }).stderr).toMatch(/--log-format must be one of auto, pretty, json/);
  });
});
