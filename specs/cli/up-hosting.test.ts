import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, until } from '@troupe/plugin-relay/testing';
import { startRelayCommand, startRelayProcess, type RelayProcess } from '../relay/cli-process.js';

const procs: RelayProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp directory holding an echo agent module; returns the directory. */
function agentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-up-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'echo-agent.mjs'), "export default function echo(message) { return 'echo: ' + message.parts.map((p) => p.text ?? '').join(''); }\n");
  return dir;
}

/** How the process ended, and everything it wrote on stderr. */
function ended(p: RelayProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done) => p.child.once('close', (code, signal) => done({ code, signal, stderr: p.stderr() })));
}

/** A `troupe relay` node that joins `link` and asks the agent behind it, synchronously. */
async function askThrough(link: string, text: string): Promise<unknown> {
  const caller = await startRelayProcess(['--name', 'Caller', '--port', '0', '--join', link]);
  procs.push(caller);
  await until(async () => (await get(caller.api, '/status')).body.peer_count === 1, 10_000, 'joined');
  const res = await post(caller.api, '/message:send', { role: 'user', text, sync: true, timeout: 10 });
  expect(res.status).toBe(200);
  return res.body.reply;
}

describe('troupe up hosts what the other commands host', () => {
  it('issue 10.1: with a config file it hosts an agent behind a relay, stays up until signalled, and SIGTERM stops it with exit 0', async () => {
    const dir = agentDir();
    // Relative paths in the config are relative to the config file, not the working directory.
    writeFileSync(join(dir, 'troupe.json'), JSON.stringify({ node: 'edge', memory: true, agent: './echo-agent.mjs', relay: { name: 'Echo', port: 0 } }));
    const up = await startRelayCommand(['up', '--config', join(dir, 'troupe.json'), '--log-format', 'json']);
    const exit = ended(up);
    const readyAt = Date.now();
    expect(await askThrough(up.link, 'ping')).toMatchObject({ type: 'acp.reply', from: 'Echo', parts: [{ type: 'text', content: 'echo: ping' }] });
    // It used to exit by itself about a second after "Ctrl-C to stop": still up 4 s after ready?
    await new Promise((r) => setTimeout(r, Math.max(0, 4_000 - (Date.now() - readyAt))));
    expect(up.child.exitCode).toBeNull();
    expect(await askThrough(up.link, 'still there?')).toMatchObject({ parts: [{ content: 'echo: still there?' }] });
    up.child.kill('SIGTERM');
    const { code, signal, stderr } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stderr).toMatch(/"msg":"node stopped"/);
    expect(stderr).toMatch(/"agent":"troupe:\/\/edge\/agents\/agent"/);
  }, 40_000);

  it('issue 10.1: with flags (--agent, --relay-name, --relay-port) it serves the agent and SIGINT stops it with exit 0', async () => {
    const dir = agentDir();
    const up = await startRelayCommand(['up', '--memory', '--agent', join(dir, 'echo-agent.mjs'), '--relay-name', 'Echo', '--relay-port', '0', '--log-format', 'json']);
    const exit = ended(up);
    const card = await get(up.api, '/.well-known/acp.json');
    expect(card.body.self).toMatchObject({ name: 'Echo' });
    expect(await askThrough(up.link, 'hi')).toMatchObject({ from: 'Echo', parts: [{ content: 'echo: hi' }] });
    up.child.kill('SIGINT');
    expect(await exit).toMatchObject({ code: 0, signal: null });
  }, 30_000);
});
