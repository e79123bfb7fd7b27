// Interop: Troupe drives an ACP agent built with the official SDK (fixtures/sdk-agent.mjs) as a
// real child process, through system.connect({ command }). Checklist items 36, 45, 48, 49 and friends.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { createSystem, textOf, TroupeError, type ActorSystem, type Part } from '@troupe/runtime';
import { stdio, acpUpdateOf, type AcpAgentLink, type AcpConnectOptions } from '@troupe/plugin-stdio';
import { FIXTURES } from './support/processes.js';
import { requestMethods, validateFrames } from './support/schema.js';
import { framesOf, rawOf } from './support/tee-log.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

async function connectSdkAgent(extra: Partial<AcpConnectOptions> = {}): Promise<AcpAgentLink> {
  system = await createSystem({ plugins: [stdio()] });
  return (await system.connect({ command: [process.execPath, join(FIXTURES, 'sdk-agent.mjs')], exitGraceMs: 200, ...extra })) as AcpAgentLink;
}

const texts = (parts: Part[]) => parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('');

describe('Troupe client <-> SDK agent over real pipes', () => {
  it('3 and 1 (drive): every frame Troupe writes to an SDK agent is one compact line and validates against the schema', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'acp-tee-')), 'wire.jsonl');
    const dir = mkdtempSync(join(tmpdir(), 'acp-drive-'));
    writeFileSync(join(dir, 'a.txt'), 'hello');
    system = await createSystem({ plugins: [stdio()] });
    const ref = (await system.connect({
      command: [process.execPath, join(FIXTURES, 'tee.mjs'), log, process.execPath, join(FIXTURES, 'sdk-agent.mjs')],
      cwd: dir, exitGraceMs: 200, handlers: { permission: 'allow', fs: { read: true, write: true }, terminal: true },
    })) as AcpAgentLink;
    for (const prompt of ['stream 2', 'permission', 'tools', `fs ${join(dir, 'a.txt')}`, 'terminal', 'fs-outside']) {
      await lastValueFrom(ref.ask(prompt).pipe(toArray()));
    }
    await new Promise<void>((resolve) => { const sub = ref.turn('wait').subscribe(() => { sub.unsubscribe(); resolve(); }); });
    await lastValueFrom(ref.ask('after cancel').pipe(toArray()));
    const written = framesOf(log, 'in');
    const raw = rawOf(log, 'in');
    expect(raw.endsWith('\n')).toBe(true);
    expect(raw).not.toContain('\r');
    expect(raw.split('\n').filter(Boolean)).toHaveLength(written.length);
    expect(written.map((f) => f['method']).filter(Boolean)).toEqual(expect.arrayContaining(['initialize', 'session/new', 'session/prompt', 'session/cancel']));
    expect(written.some((f) => 'error' in f)).toBe(true); // the -32602 for the path outside cwd
    expect(validateFrames(written, requestMethods(framesOf(log, 'out')))).toEqual([]);
  });

  it('45: handshake, a streamed prompt, a permission round trip and a cancelled turn', async () => {
    const ref = await connectSdkAgent({ handlers: { permission: 'allow' } });
    expect(ref.agentInfo).toMatchObject({ protocolVersion: 1, agentInfo: { name: 'sdk-fixture-agent' } });
    const parts = await lastValueFrom(ref.ask('stream 3').pipe(toArray()));
    expect(texts(parts)).toBe('c0 c1 c2 ');
    expect(acpUpdateOf(parts[0] as Part)?.update).toMatchObject({ sessionUpdate: 'agent_message_chunk' });
    const perm = await lastValueFrom(ref.ask('permission').pipe(toArray()));
    expect(texts(perm)).toBe('selected:yes');
    // cancel by unsubscribing: the turn settles cancelled on the wire
    const stops: unknown[] = [];
    const first = await new Promise<Part>((resolve) => {
      const sub = ref.turn('wait').subscribe((e) => {
        if (e.type === 'update') { resolve(e.part); sub.unsubscribe(); } else stops.push(e);
      });
    });
    expect(textOf([first])).toBe('waiting');
    // the session stays usable: the next prompt waits for the cancelled turn to settle, then runs
    const after = await lastValueFrom(ref.ask('hello again').pipe(toArray()));
    expect(texts(after)).toBe('echo: hello again');
  });

  it('ref.cancel() ends a turn with stopReason cancelled for the observer', async () => {
    const ref = await connectSdkAgent();
    const events = ref.turn('wait').pipe(toArray());
    const done = lastValueFrom(events);
    await new Promise((r) => setTimeout(r, 200));
    await ref.cancel();
    const all = await done;
    expect(all.at(-1)).toEqual({ type: 'stop', stopReason: 'cancelled' });
  });

  it('tool calls and plans arrive as tool_call and plan parts, in wire order (26)', async () => {
    const ref = await connectSdkAgent();
    const parts = await lastValueFrom(ref.ask('tools').pipe(toArray()));
    expect(parts.map((p) => p.type)).toEqual(['plan', 'tool_call', 'tool_call', 'text']);
    expect(parts[1]).toMatchObject({ toolCallId: 'tc-1', title: 'Look', kind: 'read', input: { q: 1 } });
    expect(parts[2]).toMatchObject({ toolCallId: 'tc-1', update: true, status: 'completed' });
  });

  it('permission defaults to reject (safe default)', async () => {
    const ref = await connectSdkAgent();
    expect(texts(await lastValueFrom(ref.ask('permission').pipe(toArray())))).toBe('selected:no');
  });

  it('48: fs reads and writes inside cwd; a path outside gets -32602', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acp-drive-'));
    writeFileSync(join(dir, 'a.txt'), 'hello');
    const ref = await connectSdkAgent({ cwd: dir, handlers: { fs: { read: true, write: true } } });
    expect(texts(await lastValueFrom(ref.ask(`fs ${join(dir, 'a.txt')}`).pipe(toArray())))).toBe('read 5 chars');
    expect(readFileSync(join(dir, 'a.txt.out'), 'utf8')).toBe('HELLO');
    expect(texts(await lastValueFrom(ref.ask('fs-outside').pipe(toArray())))).toBe('refused -32602');
    expect(existsSync('/etc/troupe-should-not-exist')).toBe(false);
  });

  it('49: terminal output honours outputByteLimit on a character boundary; kill keeps it readable; release forgets it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acp-term-'));
    const ref = await connectSdkAgent({ cwd: dir, handlers: { terminal: true } });
    const report = JSON.parse(texts(await lastValueFrom(ref.ask('terminal').pipe(toArray())))) as Record<string, unknown>;
    expect(report).toMatchObject({ exit: 0, truncated: true, afterRelease: '-32002' });
    expect(Buffer.byteLength(String(report['output']))).toBeLessThanOrEqual(6);
    expect('héllo wörld'.endsWith(String(report['output']))).toBe(true);
    expect(report['again']).toBe(report['output']);
  });

  it('36: when the agent exits mid-turn the turn errors with connection_closed (exit code, stderr tail) fast; later calls reject at once', async () => {
    const ref = await connectSdkAgent({ restart: { maxAttempts: 0 } });
    const t0 = Date.now();
    const err = await lastValueFrom(ref.ask('crash').pipe(toArray())).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'connection_closed')).toBe(true);
    expect((err as TroupeError).details).toMatchObject({ exitCode: 3 });
    expect(String((err as TroupeError).details?.['stderrTail'])).toContain('backend died');
    expect(Date.now() - t0).toBeLessThan(1500);
    const t1 = Date.now();
    const again = await firstValueFrom(ref.ask('hi')).catch((e: unknown) => e);
    expect(TroupeError.is(again, 'connection_closed')).toBe(true);
    expect(Date.now() - t1).toBeLessThan(100);
  });

  it('restarts the agent process with backoff after a crash (peer link machine)', async () => {
    const ref = await connectSdkAgent({ restart: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 100 } });
    await lastValueFrom(ref.ask('crash').pipe(toArray())).catch(() => undefined);
    const deadline = Date.now() + 5000;
    while (ref.state !== 'up' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ref.state).toBe('up');
    expect(texts(await lastValueFrom(ref.ask('back').pipe(toArray())))).toBe('echo: back');
  });

  it('spawn failure rejects connect with UNREACHABLE caused by spawn_failed', async () => {
    system = await createSystem({ plugins: [stdio()] });
    await expect(system.connect({ command: ['/nonexistent/acp-agent'], restart: { maxAttempts: 0 } })).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'UNREACHABLE') && TroupeError.is(e.cause, 'spawn_failed'));
  });

  it('17/18: gated methods and blocks the agent did not advertise fail locally with capability_not_supported', async () => {
    const ref = await connectSdkAgent();
    await expect(ref.call('session/list', {})).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'capability_not_supported'));
    await expect(ref.call('session/close', { sessionId: 'x' })).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'capability_not_supported'));
    await expect(ref.call('logout', {})).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'capability_not_supported'));
    const err = await firstValueFrom(ref.ask({ type: 'image', mimeType: 'image/png', data: 'AA==' })).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'capability_not_supported')).toBe(true);
  });

  it('37: stopping the link closes stdin and the agent exits', async () => {
    const ref = await connectSdkAgent();
    await lastValueFrom(ref.ask('hi').pipe(toArray()));
    const t0 = Date.now();
    await system?.stop(ref.cell);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(ref.state).toBe('closed');
  });
});
