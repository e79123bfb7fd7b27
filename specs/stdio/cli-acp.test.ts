// End to end: the `troupe acp` command (built CLI) with the official SDK as the editor, and the
// terminal client against the demo. Needs `npm run build` (the CLI runs from cli/dist).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { client, methods, ndJsonStream } from '@agentclientprotocol/sdk';
import { spawnRecorded, type RecordedChild } from './support/processes.js';
import { requestMethods, validateFrames } from './support/schema.js';

const TROUPE = fileURLToPath(new URL('../../cli/bin/troupe.mjs', import.meta.url));
const children: RecordedChild[] = [];
afterAll(() => { for (const c of children) c.child.kill('SIGKILL'); });

describe('troupe acp (built CLI)', () => {
  it('serve --demo: an SDK client (as Zed would) gets the demo pipeline streamed over ACP; frames validate', async () => {
    const rec = spawnRecorded(process.execPath, [TROUPE, 'acp', 'serve', '--demo', '--fast']);
    children.push(rec);
    const chunks: string[] = [];
    const thoughts: string[] = [];
    const app = client({ name: 'editor' }).onNotification(methods.client.session.update, ({ params }) => {
      const u = params.update;
      if (u.sessionUpdate === 'agent_message_chunk' && u.content.type === 'text') chunks.push(u.content.text);
      if (u.sessionUpdate === 'agent_thought_chunk' && u.content.type === 'text') thoughts.push(u.content.text);
    });
    const stop = await app.connectWith(ndJsonStream(rec.web.writable, rec.web.readable), async (ctx) => {
      const init = await ctx.request(methods.agent.initialize, { protocolVersion: 1, clientCapabilities: {} });
      expect(init.agentInfo?.name).toBe('troupe-demo');
      const { sessionId } = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      return (await ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'otters' }] })).stopReason;
    });
    expect(stop).toBe('end_turn');
    expect(chunks.join('')).toContain('Sea otters hold hands');
    expect(thoughts.join('')).toContain('researcher: note 1 of 4');
    expect(rec.noise).toEqual([]);
    expect(validateFrames(rec.out, requestMethods(rec.in))).toEqual([]);
    rec.child.stdin.end();
    expect((await rec.exited).code).toBe(0);
  });

  it('run: the terminal client streams the demo answer from a piped prompt and exits at EOF', () => {
    const r = spawnSync(process.execPath, [TROUPE, 'acp', 'run', '--yes', '--', process.execPath, TROUPE, 'acp', 'serve', '--demo', '--fast'], { input: 'actors\n', encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('connected to Troupe demo pipeline');
    expect(r.stdout).toContain('Erlang has run telephone switches');
    expect(r.stdout).toContain('[end_turn]');
  });

  it('serve <module>: serves the default-exported Agent class of a user module', async () => {
    const rec = spawnRecorded(process.execPath, [TROUPE, 'acp', 'serve', fileURLToPath(new URL('fixtures/echo-agent.mjs', import.meta.url))]);
    children.push(rec);
    const chunks: string[] = [];
    const kinds: string[] = [];
    const app = client({ name: 'editor' }).onNotification(methods.client.session.update, ({ params }) => {
      kinds.push(params.update.sessionUpdate);
      if (params.update.sessionUpdate === 'agent_message_chunk' && params.update.content.type === 'text') chunks.push(params.update.content.text);
    });
    await app.connectWith(ndJsonStream(rec.web.writable, rec.web.readable), async (ctx) => {
      const init = await ctx.request(methods.agent.initialize, { protocolVersion: 1 });
      expect(init.agentInfo).toMatchObject({ name: 'echo-module', version: '2.0.0' });
      const created = await ctx.request(methods.agent.session.new, { cwd: tmpdir(), mcpServers: [] });
      expect(created.modes?.currentModeId).toBe('ask');
      await ctx.request(methods.agent.session.setMode, { sessionId: created.sessionId, modeId: 'code' });
      await ctx.request(methods.agent.session.prompt, { sessionId: created.sessionId, prompt: [{ type: 'text', text: 'ping' }] });
    });
    expect(chunks.join('')).toBe('echo: ping');
    expect(kinds).toEqual(['available_commands_update', 'agent_message_chunk']);
    expect(validateFrames(rec.out, requestMethods(rec.in))).toEqual([]);
  });

  it('acp --help lists serve and run with examples', () => {
    const r = spawnSync(process.execPath, [TROUPE, 'acp', 'serve', '--help'], { encoding: 'utf8' });
    expect(r.stdout).toContain('--demo');
    expect(r.stdout).toContain('agent_servers');
  });
});
