// Interop: the official SDK as the ACP client, a Troupe agent (fixtures/troupe-agent.mjs, built
// packages) as a real child process. Checklist items 3, 4, 44 and friends.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, methods, ndJsonStream, type ClientContext } from '@agentclientprotocol/sdk';
import { FIXTURES, openRawSession, spawnRecorded, waitForFrame, type RecordedChild } from './support/processes.js';
import { requestMethods, validateFrames } from './support/schema.js';

const children: RecordedChild[] = [];
afterAll(() => { for (const c of children) c.child.kill('SIGKILL'); });

interface Run {
  updates: Record<string, unknown>[];
  permissionAnswer: 'yes' | 'cancel-later';
  consoleErrors: string[];
}

async function withTroupeAgent<T>(run: Run, op: (ctx: ClientContext, rec: RecordedChild) => Promise<T>): Promise<{ value: T; rec: RecordedChild }> {
  const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
  children.push(rec);
  const cwd = mkdtempSync(join(tmpdir(), 'acp-'));
  const origError = console.error;
  console.error = (...a: unknown[]) => { run.consoleErrors.push(a.map(String).join(' ')); };
  try {
    const app = client({ name: 'sdk-test-client' })
      .onNotification(methods.client.session.update, ({ params }) => { run.updates.push(params.update as unknown as Record<string, unknown>); })
      .onRequest(methods.client.session.requestPermission, async ({ params, signal }) => {
        if (run.permissionAnswer === 'yes') return { outcome: { outcome: 'selected', optionId: params.options[0]?.optionId ?? 'yes' } };
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return { outcome: { outcome: 'cancelled' } };
      })
      .onRequest(methods.client.fs.readTextFile, ({ params }) => ({ content: readFileSync(params.path, 'utf8') }))
      .onRequest(methods.client.fs.writeTextFile, ({ params }) => { writeFileSync(params.path, params.content); return {}; });
    const value = await app.connectWith(ndJsonStream(rec.web.writable, rec.web.readable), async (ctx) => {
      const init = await ctx.request(methods.agent.initialize, { protocolVersion: 1, clientCapabilities: { fs: { readTextFile: true, writeTextFile: true } }, clientInfo: { name: 'sdk', version: '2' } });
      expect(init.protocolVersion).toBe(1);
      void cwd;
      return op(ctx, rec);
    });
    return { value, rec };
  } finally {
    console.error = origError;
  }
}

describe('SDK client <-> Troupe agent over real pipes', () => {
  it('44: initialize, session/new, a streamed prompt ending end_turn, a permission round trip and a cancelled turn; every Troupe frame validates (3)', async () => {
    const run: Run = { updates: [], permissionAnswer: 'yes', consoleErrors: [] };
    const { rec } = await withTroupeAgent(run, async (ctx) => {
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      const r1 = await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'stream 3' }] });
      expect(r1.stopReason).toBe('end_turn');
      expect(run.updates.map((u) => (u['content'] as { text: string }).text).join('')).toBe('c0 c1 c2 ');
      const r2 = await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'permission' }] });
      expect(r2.stopReason).toBe('end_turn');
      expect(run.updates.at(-1)).toMatchObject({ sessionUpdate: 'agent_message_chunk', content: { text: 'selected:yes' } });
      const r3p = ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'wait' }] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await ctx.notify(methods.agent.session.cancel, { sessionId });
      expect((await r3p).stopReason).toBe('cancelled');
      const r4 = await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'tools' }] });
      expect(r4.stopReason).toBe('end_turn');
      expect(run.updates.slice(-4).map((u) => u['sessionUpdate'])).toEqual(['plan', 'tool_call', 'tool_call_update', 'agent_message_chunk']);
    });
    expect(run.consoleErrors).toEqual([]);
    expect(validateFrames(rec.out, requestMethods(rec.in))).toEqual([]);
    expect(rec.noise).toEqual([]);
  });

  it('fs read and write go through the SDK client (the agent sees the file, the client gets the write)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acp-fs-'));
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'hello');
    const run: Run = { updates: [], permissionAnswer: 'yes', consoleErrors: [] };
    const { rec } = await withTroupeAgent(run, async (ctx) => {
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: dir, mcpServers: [] });
      await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: `fs ${file}` }] });
    });
    expect(readFileSync(`${file}.out`, 'utf8')).toBe('HELLO');
    expect(run.updates.at(-1)).toMatchObject({ content: { text: 'read 5 chars' } });
    expect(validateFrames(rec.out, requestMethods(rec.in))).toEqual([]);
  });

  it('4: console.log and process.stdout.write from agent code put no bytes on stdout; the text appears on stderr', async () => {
    const run: Run = { updates: [], permissionAnswer: 'yes', consoleErrors: [] };
    const { rec } = await withTroupeAgent(run, async (ctx) => {
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'console' }] });
    });
    expect(rec.noise).toEqual([]);
    expect(rec.stderr).toContain('noise from console.log');
    expect(rec.stderr).toContain('noise from stdout.write');
  });

  it('errors: an unknown session gets -32002 and a failing agent an internal error, both as SDK RequestErrors', async () => {
    const run: Run = { updates: [], permissionAnswer: 'yes', consoleErrors: [] };
    await withTroupeAgent(run, async (ctx) => {
      await expect(ctx.request(methods.agent.session.prompt, { sessionId: 'nope', prompt: [{ type: 'text', text: 'x' }] })).rejects.toMatchObject({ code: -32002 });
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      await expect(ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'fail' }] })).rejects.toMatchObject({ code: -32603 });
    });
  });

  it('38-lite: closing stdin during a running turn makes the Troupe agent exit with code 0 within 2 s', async () => {
    const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
    children.push(rec);
    const { send, sessionId } = await openRawSession(rec, tmpdir());
    send({ jsonrpc: '2.0', id: 2, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'wait' }] } });
    await waitForFrame(rec, (f) => f['method'] === 'session/update');
    const t0 = Date.now();
    rec.child.stdin.end();
    const exit = await rec.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('serve: EPIPE', () => {
  it('39: after the client closes its end of stdout, the next write gets EPIPE and the agent exits cleanly', async () => {
    const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
    children.push(rec);
    const { send, sessionId } = await openRawSession(rec, tmpdir());
    rec.child.stdout.destroy();
    send({ jsonrpc: '2.0', id: 2, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'stream 1000' }] } });
    const exit = await rec.exited;
    expect(exit.code).toBe(0);
    expect(rec.stderr).not.toMatch(/Uncaught|node:internal|^\s+at /m);
  });
});

describe('schema validator (can fail)', () => {
  it('flags a chunk without content and a prompt result without stopReason', () => {
    const bad = [
      { jsonrpc: '2.0', method: 'session/update', params: { sessionId: 's', update: { sessionUpdate: 'agent_message_chunk' } } },
      { jsonrpc: '2.0', id: 1, result: {} },
    ];
    expect(validateFrames(bad, new Map([['1', 'session/prompt']]))).toHaveLength(2);
  });
});
