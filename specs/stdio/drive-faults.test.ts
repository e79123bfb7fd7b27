// Drive mode against a scripted raw agent that breaks rules on purpose (spec §20 fault injection).
// Checklist items 5, 9, 12, 22, 24, 30, 31, 32, 37, 40, 41, 50.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lastValueFrom, toArray, take, firstValueFrom } from 'rxjs';
import { createSystem, TroupeError, type ActorSystem, type Part } from '@troupe/runtime';
import { stdio, acpUpdateOf, type AcpAgentLink, type AcpConnectOptions, type DriveEvent } from '@troupe/plugin-stdio';
import { FIXTURES } from './support/processes.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

async function rawAgent(env: Record<string, string> = {}, extra: Partial<AcpConnectOptions> = {}): Promise<AcpAgentLink> {
  system = await createSystem({ plugins: [stdio()] });
  return (await system.connect({ command: [process.execPath, join(FIXTURES, 'raw-agent.mjs')], env, exitGraceMs: 200, restart: { maxAttempts: 0 }, ...extra })) as AcpAgentLink;
}

/** Subscribes to a turn, unsubscribes after the first update, and resolves when the turn settled. */
async function cancelAfterFirst(ref: AcpAgentLink, prompt: string): Promise<void> {
  await new Promise<void>((resolve) => { const sub = ref.turn(prompt).subscribe(() => { sub.unsubscribe(); resolve(); }); });
}

describe('drive: tolerant of misbehaving agents', () => {
  it('12: an agent answering protocolVersion 2 gets no further request and connect fails with unsupported_protocol_version', async () => {
    const err = await rawAgent({ ACP_VERSION: '2' }).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'unsupported_protocol_version')).toBe(true);
    expect((err as TroupeError).details).toMatchObject({ received: 2 });
  });

  it('5: a noise line on stdout is skipped and counted; the next frame is processed', async () => {
    const ref = await rawAgent();
    const parts = await lastValueFrom(ref.ask('noise').pipe(toArray()));
    expect(parts.map((p) => (p as { text?: string }).text)).toEqual(['after noise']);
    expect(ref.stdoutNoiseLines).toBe(1);
  });

  it('40/41: unknown variants arrive as unknown with the raw update; unknown fields and _meta survive at every level; invalid ones are flagged, not dropped', async () => {
    const ref = await rawAgent();
    const events = await lastValueFrom(ref.turn('unknown').pipe(toArray()));
    const updates = events.filter((e): e is Extract<DriveEvent, { type: 'update' }> => e.type === 'update');
    expect(updates[0]?.update.kind).toBe('unknown');
    expect(acpUpdateOf(updates[0]?.part as Part)?.update).toEqual({ sessionUpdate: 'future_variant', x: 1, _meta: { vendor: { a: 1 } } });
    const known = acpUpdateOf(updates[1]?.part as Part)?.update;
    expect(known).toEqual({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi', extraField: 7, _meta: { c: 1 } }, newRootField: true, _meta: { u: 1 } });
    expect(updates[1]?.part).toMatchObject({ type: 'text', text: 'hi', metadata: { acp: { extra: { extraField: 7, _meta: { c: 1 } } } } });
    expect(updates[2]?.update.kind).toBe('invalid');
    expect(events.at(-1)).toMatchObject({ type: 'stop', stopReason: 'end_turn', raw: { _meta: { r: 1 }, usageExtra: 5 } });
  });

  it('22: an update sent before the session/new response reaches the session after it is created, in order', async () => {
    const ref = await rawAgent({ EARLY: '1' });
    const session = await ref.session();
    expect(session.id).toBe('raw-1');
    const first = await firstValueFrom(session.updates$);
    expect(first.type === 'update' && acpUpdateOf(first.part)?.update).toEqual({
      sessionUpdate: 'available_commands_update', availableCommands: [{ name: 'early', description: 'sent before the response' }],
    });
  });

  it('24: a turn-content update after the prompt response goes to the out-of-turn stream, flagged, not into the turn', async () => {
    const ref = await rawAgent();
    const session = await ref.session();
    const outOfTurn: Part[] = [];
    session.updates$.subscribe((e) => { if (e.type === 'update') outOfTurn.push(e.part); });
    const parts = await lastValueFrom(ref.ask('late').pipe(toArray()));
    expect(parts.map((p) => (p as { text: string }).text)).toEqual(['in turn']);
    const deadline = Date.now() + 2000;
    while (outOfTurn.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(outOfTurn[0]).toMatchObject({ type: 'text', text: 'after the response', metadata: { acp: { outOfTurn: true } } });
  });

  it('31: an agent answering a cancelled prompt with end_turn (or an error) settles it cancelled, keeping the raw reply', async () => {
    const ref = await rawAgent();
    const done = lastValueFrom(ref.turn('endturn').pipe(toArray()));
    await new Promise((r) => setTimeout(r, 100));
    await ref.cancel();
    expect((await done).at(-1)).toEqual({ type: 'stop', stopReason: 'cancelled', raw: { stopReason: 'end_turn' } });
    const done2 = lastValueFrom(ref.turn('error').pipe(toArray()));
    await new Promise((r) => setTimeout(r, 100));
    await ref.cancel();
    const last = (await done2).at(-1) as { stopReason: string; raw: unknown };
    expect(last.stopReason).toBe('cancelled');
    expect(TroupeError.is(last.raw, 'acp_error')).toBe(true);
  });

  it('32: an agent that never answers a cancelled prompt is settled cancelled and forced after cancelTimeoutMs; a late reply raises nothing', async () => {
    system = await createSystem({ plugins: [stdio()] });
    const ref = (await system.connect({ command: [process.execPath, join(FIXTURES, 'raw-agent.mjs')], cancelTimeoutMs: 300, exitGraceMs: 200 })) as AcpAgentLink;
    const done = lastValueFrom(ref.turn('never').pipe(toArray()));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await ref.cancel();
    expect((await done).at(-1)).toEqual({ type: 'stop', stopReason: 'cancelled', forced: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('30: after session/cancel, a pending permission request and one that arrives later are both answered cancelled', async () => {
    const ref = await rawAgent({}, { handlers: { permission: () => new Promise(() => {}) } });
    await cancelAfterFirst(ref, 'perm');
    const deadline = Date.now() + 3000;
    while (!ref.stderrTail.includes('answers=') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ref.stderrTail).toContain('answers=["cancelled","cancelled"]');
  });

  it('50: session/close and session/delete answered -32002 resolve successfully', async () => {
    const ref = await rawAgent();
    await expect(ref.call('session/close', { sessionId: 'gone' })).resolves.toEqual({});
    await expect(ref.call('session/delete', { sessionId: 'gone' })).resolves.toEqual({});
  });

  it('9: a single 30 MiB agent_message_chunk line is received intact', async () => {
    const ref = await rawAgent();
    const n = 30 * 1024 * 1024;
    const parts = await lastValueFrom(ref.ask(`big ${n}`).pipe(toArray()));
    expect(parts).toHaveLength(1);
    const t = (parts[0] as { text: string }).text;
    expect(t.length).toBe(n);
    expect(t === 'x'.repeat(n)).toBe(true);
  });

  it('37: an agent that ignores EOF and SIGTERM is SIGKILLed; nothing of its group is alive after the stop', async () => {
    const ref = await rawAgent({ IGNORE_EOF: '1' }, { exitGraceMs: 300 });
    await lastValueFrom(ref.ask('hi').pipe(take(1)));
    const t0 = Date.now();
    await system?.stop(ref.cell);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(3000);
    expect(took).toBeLessThan(6000);
  }, 15_000);
});
