import { describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import { createSystem, progress, text, textOf, TroupeError, type Message, type Part } from '@troupe/runtime';
import { collect, flushMicrotasks } from '@troupe/runtime/testing';
import { fanOut, handoff, handoffTo, pipeline, route } from '@troupe/actors';

const upper = (m: Message) => textOf(m).toUpperCase();
const exclaim = (m: Message) => [progress('exclaiming'), text(`${textOf(m)}!`)];
const words = async function* (m: Message) { for (const w of textOf(m).split(' ')) yield text(w); };

describe('pipeline', () => {
  it('feeds each stage the previous output and streams the last stage, with every progress note', async () => {
    const system = await createSystem();
    const flow = pipeline(system.spawn(exclaim), system.spawn(upper), system.spawn(words));
    const parts = await collect(flow.ask('hello there'));
    expect(parts).toEqual([progress('exclaiming'), text('HELLO'), text('THERE!')]);
    await system.shutdown();
  });

  it('is an actor ref and can be spawned as a supervised actor', async () => {
    const system = await createSystem();
    const spawned = system.spawn(pipeline(system.spawn(upper), system.spawn(exclaim)), { name: 'flow' });
    expect(spawned.address).toBe('troupe://local/agents/flow');
    expect(textOf(await collect(spawned.ask('hi')))).toBe('HI!');
    await system.shutdown();
  });

  it('cancels the running stage when the subscriber leaves', async () => {
    const system = await createSystem();
    let aborted = false;
    const hang = system.spawn((_m, ctx) => {
      ctx.signal.addEventListener('abort', () => { aborted = true; });
      return new Observable<Part>(() => undefined);
    });
    const sub = pipeline(system.spawn(upper), hang).ask('x').subscribe();
    await flushMicrotasks();
    sub.unsubscribe();
    await flushMicrotasks();
    expect(aborted).toBe(true);
    await system.shutdown();
  });

  it('fails with the failing stage error', async () => {
    const system = await createSystem();
    const bad = system.spawn(() => { throw new Error('stage broke'); });
    const err = (await collect(pipeline(bad, system.spawn(upper)).ask('x')).catch((e: unknown) => e)) as TroupeError;
    expect(err.code).toBe('HANDLER_FAILED');
    expect(err.message).toMatch(/stage broke/);
    await system.shutdown();
  });
});

describe('fanOut', () => {
  it('merges, orders or gathers the members answers', async () => {
    const system = await createSystem();
    const slow = system.spawn(async (m: Message) => { await new Promise((r) => setTimeout(r, 5)); return `slow:${textOf(m)}`; });
    const fast = system.spawn((m: Message) => `fast:${textOf(m)}`);
    expect((await collect(fanOut([slow, fast]).ask('q'))).map((p) => (p as { text: string }).text)).toEqual(['fast:q', 'slow:q']);
    expect((await collect(fanOut([slow, fast], { gather: 'ordered' }).ask('q'))).map((p) => (p as { text: string }).text)).toEqual(['slow:q', 'fast:q']);
    const counted = await collect(fanOut([slow, fast], { gather: (all) => `${all.length} answers` }).ask('q'));
    expect(counted).toEqual([text('2 answers')]);
    await system.shutdown();
  });
});

describe('route', () => {
  it('sends to the selected agent, falls back to default, else fails with NO_ROUTE', async () => {
    const system = await createSystem();
    const qa = system.spawn(() => 'qa');
    const chat = system.spawn(() => 'chat');
    const byQuestion = (m: Message) => (textOf(m).endsWith('?') ? 'qa' : 'chat');
    expect(textOf(await collect(route(byQuestion, { qa, chat }).ask('why?')))).toBe('qa');
    expect(textOf(await collect(route(async () => 'other', { default: chat }).ask('x')))).toBe('chat');
    const err = await collect(route(() => 'nope', { qa }).ask('x')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'NO_ROUTE')).toBe(true);
    await system.shutdown();
  });
});

describe('handoff', () => {
  it('continues with the agent named in a handoff part, hiding the marker', async () => {
    const system = await createSystem();
    const triage = system.spawn(() => [text('passing you on. '), handoffTo('billing')]);
    const billing = system.spawn((m: Message) => `billing handles "${textOf(m)}"`);
    const parts = await collect(handoff('triage', { triage, billing }).ask('my invoice'));
    expect(parts).toEqual([text('passing you on. '), text('billing handles "my invoice"')]);
    await system.shutdown();
  });

  it('stops loops after maxHops', async () => {
    const system = await createSystem();
    const ping = system.spawn(() => handoffTo('pong'));
    const pong = system.spawn(() => handoffTo('ping'));
    const err = await collect(handoff('ping', { ping, pong }, { maxHops: 3 }).ask('x')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'HANDOFF_LOOP')).toBe(true);
    expect(() => handoff('missing', { ping })).toThrow(/not among the agents/);
    await system.shutdown();
  });
});
