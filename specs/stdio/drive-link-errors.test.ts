// Issue 8 (remote refs behave like local ones, over stdio): what an asker or a connect sees when
// the ACP agent fails, or when the command is not an ACP agent at all. Real child processes.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { createSystem, TroupeError, type ActorSystem } from '@troupe/runtime';
import { ProtocolError } from '@troupe/actors';
import { stdio, type AcpConnectOptions } from '@troupe/plugin-stdio';
import { FIXTURES } from './support/processes.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

async function connectError(target: AcpConnectOptions): Promise<TroupeError> {
  system = await createSystem({ plugins: [stdio()] });
  const err = await system.connect({ exitGraceMs: 100, restart: { maxAttempts: 0 }, ...target }).then(
    () => new Error('connect succeeded'),
    (e: unknown) => e,
  );
  expect(TroupeError.is(err), String(err)).toBe(true);
  return err as TroupeError;
}

describe('issue 8: the cause of an ACP agent failure reaches the asker', () => {
  it('an agent that fails its turn: HANDLER_FAILED with the agent\'s own message, the JSON-RPC error as cause', async () => {
    system = await createSystem({ plugins: [stdio()] });
    const ref = await system.connect({ command: [process.execPath, join(FIXTURES, 'troupe-agent.mjs')], exitGraceMs: 200 });
    const err = await lastValueFrom(ref.ask('fail')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'HANDLER_FAILED'), String(err)).toBe(true);
    const e = err as TroupeError;
    expect(e.message).toContain('scenario failure');
    expect(e.message).toContain('troupe-agent.mjs');
    expect(e.cause).toBeInstanceOf(ProtocolError);
    expect(e.cause).toMatchObject({ protocol: 'acp', code: -32603, message: 'Internal error' });
    expect(e.details).toMatchObject({ method: 'session/prompt', code: -32603, data: { details: expect.stringContaining('scenario failure') } });
    // the link survives an agent's failure
    expect((await lastValueFrom(ref.ask('hello').pipe(toArray()))).length).toBeGreaterThan(0);
  });
});

describe('issue 8: a command that is not an ACP agent fails connect, naming the command', () => {
  it('cat (echoes our own initialize back): UNREACHABLE at once', async () => {
    const err = await connectError({ command: ['cat'] });
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toMatch(/`cat` is unreachable: .*initialize/);
  });

  it('echo hello (prints noise and exits): UNREACHABLE saying the process went away', async () => {
    const err = await connectError({ command: ['echo', 'hello'] });
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('`echo hello`');
    // Which comes first depends on the scheduler: the exit status, or EPIPE writing initialize.
    expect(err.message).toMatch(/exited \(code 0\)|closed/);
    expect(TroupeError.is(err.cause, 'connection_closed')).toBe(true);
  });

  it('sleep 100 (says nothing): UNREACHABLE once the connect timeout passes', async () => {
    const err = await connectError({ command: ['sleep', '100'], connectTimeoutMs: 300 });
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('`sleep 100`');
    expect(err.message).toMatch(/no answer to initialize within 300 ms/);
  });

  it('a process printing non-JSON forever: UNREACHABLE counting the lines it wrote', async () => {
    const err = await connectError({ command: [process.execPath, '-e', 'setInterval(() => console.log("ready> "), 20)'], connectTimeoutMs: 400 });
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toMatch(/no answer to initialize within 400 ms; it wrote \d+ non-protocol line\(s\) on stdout/);
  });

  it('a command that does not exist: UNREACHABLE with spawn_failed as cause', async () => {
    const err = await connectError({ command: ['/nonexistent/acp-agent'] });
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('/nonexistent/acp-agent');
    expect(TroupeError.is(err.cause, 'spawn_failed')).toBe(true);
  });
});
