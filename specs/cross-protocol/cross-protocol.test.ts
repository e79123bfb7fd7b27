// Issue 8, cross-protocol end to end: one `pipeline` of a local agent, an agent hosted by a
// `troupe relay --agent` process (reached over the relay protocol on loopback) and an agent served
// by `troupe acp serve` (driven over ACP stdio). Its answer streams, cancelling it stops the
// stage that runs in another process, and a failure anywhere reaches the asker with its cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { fileURLToPath } from 'node:url';
import { createSystem, text, textOf, TroupeError, type ActorRef, type ActorSystem, type Message } from '@troupe/runtime';
import { ProtocolError, pipeline } from '@troupe/actors';
import { relay, type RelayLink } from '@troupe/plugin-relay';
import { stdio } from '@troupe/plugin-stdio';
import { CLI, startRelayProcess, type RelayProcess } from '../relay/cli-process.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let system: ActorSystem;
let relayHost: RelayProcess;
let local: ActorRef;
let remote: ActorRef;
let acp: ActorRef;

beforeAll(async () => {
  relayHost = await startRelayProcess(['--name', 'RelayStage', '--port', '0', '--log-level', 'warn', '--agent', fixture('relay-stage.mjs')]);
  system = await createSystem({ plugins: [stdio(), relay({ name: 'Asker', port: 0, httpPort: 0 })] });
  local = system.spawn((m: Message) => text(`local(${textOf(m).trim()})`), { name: 'local' });
  remote = await system.connect(relayHost.link as RelayLink, { timeoutMs: 10_000 });
  acp = await system.connect({ command: [process.execPath, CLI, 'acp', 'serve', fixture('acp-stage.mjs')], exitGraceMs: 200 });
}, 30_000);

afterAll(async () => {
  await system?.shutdown({ deadlineMs: 0 });
  await relayHost?.stop();
});

/** Resolves when the relay process wrote `line` on stderr. */
function relayStderr(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (relayHost.stderr().includes(line)) return resolve();
    const onData = (): void => {
      if (!relayHost.stderr().includes(line)) return;
      relayHost.child.stderr?.off('data', onData);
      resolve();
    };
    relayHost.child.stderr?.on('data', onData);
  });
}

/** Resolves when the ACP agent process wrote `line` on stderr (the link forwards it as a log event). */
function acpStderr(line: string): Promise<unknown> {
  return firstValueFrom(system.inspect$.pipe(filter((e) => e.type === '@troupe.log' && e.msg === 'agent stderr' && e.data?.['line'] === line)));
}

describe('issue 8: a local, a relay-hosted and an ACP stdio agent in one pipeline', () => {
  it('issue 8: the answer goes through the three protocols and streams part by part', async () => {
    const parts = await lastValueFrom(pipeline(local, remote, acp).ask('sea otters').pipe(toArray()));
    // the last stage answers one part per word of what the relay stage made of the local answer
    expect(parts.map((p) => textOf([p]))).toEqual(['acp(relay(local(sea)) ', 'acp(relay(otters))) ']);
  }, 30_000);

  it('issue 8: unsubscribing while the ACP stage streams cancels it in its process', async () => {
    const aborted = acpStderr('stage acp aborted');
    await new Promise<void>((resolve, reject) => {
      const sub = pipeline(local, remote, acp).ask('hold-acp').subscribe({
        next: (p) => { expect(textOf([p])).toBe('acp:first '); sub.unsubscribe(); resolve(); },
        error: reject,
      });
    });
    await aborted;
  }, 30_000);

  it('issue 8: a signal while the relay stage runs cancels it in the relay process, and no later stage starts', async () => {
    const abort = new AbortController();
    const holding = relayStderr('stage relay holding');
    const aborted = relayStderr('stage relay aborted');
    const ended = lastValueFrom(pipeline(local, remote, acp).ask('hold-relay', { signal: abort.signal }).pipe(toArray())).catch((e: unknown) => e);
    await holding;
    abort.abort();
    await aborted;
    const out = await ended;
    expect(Array.isArray(out) ? out.map((p) => textOf([p])).join('') : '').not.toContain('acp(');
  }, 30_000);

  it('issue 8: a failure in the relay stage reaches the asker with the relay error as cause', async () => {
    const err = await lastValueFrom(pipeline(local, remote, acp).ask('fail-relay')).catch((e: unknown) => e);
    expect(TroupeError.is(err), String(err)).toBe(true);
    expect((err as TroupeError).message).toContain('the relay stage failed on purpose');
    expect((err as TroupeError).cause).toBeInstanceOf(ProtocolError);
    expect((err as TroupeError).cause).toMatchObject({ protocol: 'relay' });
  }, 30_000);

  it('issue 8: a failure in the ACP stage reaches the asker with the JSON-RPC error as cause', async () => {
    const err = await lastValueFrom(pipeline(local, remote, acp).ask('fail-acp')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'HANDLER_FAILED'), String(err)).toBe(true);
    expect((err as TroupeError).message).toContain('the acp stage failed on purpose');
    expect((err as TroupeError).cause).toMatchObject({ protocol: 'acp', code: -32603 });
  }, 30_000);
});
