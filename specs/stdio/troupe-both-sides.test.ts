// Troupe drive <-> Troupe serve over real pipes: the full loop, authentication (§5.2), sessions
// across the wire, client handlers, and checklist 51 at smoke scale (the full 100k run is the bench).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { createSystem, TroupeError, type ActorSystem, type Part } from '@troupe/runtime';
import { stdio, type AcpAgentLink } from '@troupe/plugin-stdio';
import { FIXTURES } from './support/processes.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

async function troupeAgent(env: Record<string, string> = {}): Promise<AcpAgentLink> {
  system = await createSystem({ plugins: [stdio()] });
  return (await system.connect({ command: [process.execPath, join(FIXTURES, 'troupe-agent.mjs')], env, exitGraceMs: 200 })) as AcpAgentLink;
}
const texts = (parts: Part[]) => parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('');

describe('Troupe drive <-> Troupe serve', () => {
  it('51 (smoke scale): 20,000 chunks arrive complete and in order', async () => {
    const ref = await troupeAgent();
    const parts = await lastValueFrom(ref.ask('stream 20000').pipe(toArray()));
    expect(parts).toHaveLength(20_000);
    expect(parts.every((p, i) => (p as { text: string }).text === `c${i} `)).toBe(true);
  });

  it('tool calls, plans and permission (allow policy) survive the round trip as the same Parts', async () => {
    const ref = await troupeAgent();
    const parts = await lastValueFrom(ref.ask('tools').pipe(toArray()));
    expect(parts.map((p) => p.type)).toEqual(['plan', 'tool_call', 'tool_call', 'text']);
    expect(parts[1]).toMatchObject({ toolCallId: 'tc-1', title: 'Look around', kind: 'read', status: 'in_progress', input: { q: 1 } });
    expect(parts[2]).toMatchObject({ toolCallId: 'tc-1', update: true, status: 'completed', output: { ok: true } });
  });

  it('authentication: -32000 until authenticate, then the prompt works (Troupe never authenticates on its own)', async () => {
    const ref = await troupeAgent({ REQUIRE_AUTH: '1' });
    expect(ref.agentInfo?.authMethods).toEqual([{ id: 'token', name: 'API token' }]);
    const err = await lastValueFrom(ref.ask('hi')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'AUTH_REQUIRED') && (err as TroupeError).details?.['code']).toBe(-32000);
    expect(ref.authRequired).toBe(true);
    await ref.authenticate('token');
    expect(texts(await lastValueFrom(ref.ask('hi').pipe(toArray())))).toBe('echo: hi');
  });

  it('MCP servers given to connect reach the served agent through its session origin', async () => {
    system = await createSystem({ plugins: [stdio()] });
    const mcpServers = [{ name: 'files', command: '/usr/bin/mcp-files', args: ['--root', '/tmp'], env: [] }];
    const ref = (await system.connect({ command: [process.execPath, join(FIXTURES, 'troupe-agent.mjs')], mcpServers, exitGraceMs: 200 })) as AcpAgentLink;
    expect(JSON.parse(texts(await lastValueFrom(ref.ask('session').pipe(toArray()))))).toEqual({ mcpServers, task: true });
  });

  it('session/list and session/close through the link when the agent keeps sessions', async () => {
    const ref = await troupeAgent({ SESSION_STORE: '1' });
    await lastValueFrom(ref.ask('hi').pipe(toArray()));
    const session = await ref.session();
    const list = await ref.call<{ sessions: { sessionId: string }[] }>('session/list', {});
    expect(list.sessions.map((s) => s.sessionId)).toEqual([session.id]);
    await expect(ref.call('session/close', { sessionId: session.id })).resolves.toEqual({});
  });
});
