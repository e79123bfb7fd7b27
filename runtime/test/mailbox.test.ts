import { describe, expect, it } from 'vitest';
import { firstValueFrom, Subject } from 'rxjs';
import { createSystem, textOf, TroupeError, type DeadLetter, type Message } from '@troupe/runtime';
import { collect } from '@troupe/runtime/testing';
import { Mailbox } from '../src/mailbox/mailbox.js';
import { Envelope } from '../src/mailbox/envelope.js';

const env = (id: string): Envelope => new Envelope({ id, role: 'user', parts: [] }, undefined, undefined, undefined);

/** An actor that blocks on a gate, so its mailbox fills up. */
async function gated(policy: 'backpressure' | 'drop-oldest' | 'drop-newest' | 'fail', capacity = 2) {
  const system = await createSystem();
  const gate = new Subject<void>();
  const seen: string[] = [];
  const dead: DeadLetter[] = [];
  system.deadLetters$.subscribe((d) => dead.push(d));
  const ref = system.spawn(async (m: Message) => {
    seen.push(textOf(m));
    if (textOf(m) === 'block') await firstValueFrom(gate);
  }, { mailbox: { capacity, policy } });
  ref.tell('block');
  await new Promise((r) => setImmediate(r));
  return { system, gate, seen, dead, ref };
}

describe('Mailbox ring buffer', () => {
  it('keeps FIFO order across growth and wrap-around', () => {
    const mb = new Mailbox(100);
    const out: string[] = [];
    for (let i = 0; i < 5; i++) mb.push(env(`a${i}`));
    for (let i = 0; i < 3; i++) out.push(mb.shift()?.message.id ?? '');
    for (let i = 0; i < 20; i++) mb.push(env(`b${i}`));
    while (mb.length) out.push(mb.shift()?.message.id ?? '');
    expect(out).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', ...Array.from({ length: 20 }, (_, i) => `b${i}`)]);
  });

  it('refuses beyond capacity', () => {
    const mb = new Mailbox(2);
    expect(mb.push(env('1'))).toBe(true);
    expect(mb.push(env('2'))).toBe(true);
    expect(mb.push(env('3'))).toBe(false);
    expect(mb.full).toBe(true);
    expect(mb.drain().map((e) => e.message.id)).toEqual(['1', '2']);
  });
});

describe('mailbox policies', () => {
  it('drop-newest refuses the new message and records a dead letter', async () => {
    const { system, gate, seen, dead, ref } = await gated('drop-newest');
    expect(ref.tell('a')).toBe(true);
    expect(ref.tell('b')).toBe(true);
    expect(ref.tell('c')).toBe(false);
    expect(dead.map((d) => [textOf(d.message), d.reason])).toEqual([['c', 'mailbox-full']]);
    gate.next();
    await system.shutdown();
    expect(seen).toEqual(['block', 'a', 'b']);
  });

  it('drop-oldest evicts the oldest queued message', async () => {
    const { system, gate, seen, dead, ref } = await gated('drop-oldest');
    ref.tell('a');
    ref.tell('b');
    expect(ref.tell('c')).toBe(true);
    expect(dead.map((d) => [textOf(d.message), d.reason])).toEqual([['a', 'dropped-oldest']]);
    gate.next();
    await system.shutdown();
    expect(seen).toEqual(['block', 'b', 'c']);
  });

  it('fail throws MAILBOX_FULL to the sender and records a dead letter', async () => {
    const { system, gate, dead, ref } = await gated('fail');
    ref.tell('a');
    ref.tell('b');
    expect(() => ref.tell('c')).toThrow(expect.objectContaining({ code: 'MAILBOX_FULL' }));
    expect(dead).toHaveLength(1);
    gate.next();
    await system.shutdown();
  });

  it('backpressure: tell refuses when full, send waits for room and loses nothing', async () => {
    const { system, gate, seen, dead, ref } = await gated('backpressure');
    ref.tell('a');
    ref.tell('b');
    expect(ref.tell('refused')).toBe(false);
    expect(dead.map((d) => d.reason)).toEqual(['mailbox-full']);
    let accepted = false;
    const sent = ref.send('c').then(() => { accepted = true; });
    await new Promise((r) => setImmediate(r));
    expect(accepted).toBe(false);
    gate.next();
    await sent;
    await system.shutdown();
    expect(seen).toEqual(['block', 'a', 'b', 'c']);
  });

  it('backpressure: an ask on a full mailbox waits instead of failing', async () => {
    const { system, gate, ref } = await gated('backpressure', 1);
    ref.tell('a');
    const answer = collect(ref.ask('q'));
    gate.next();
    await expect(answer).resolves.toEqual([]);
    await system.shutdown();
  });

  it('an ask refused by drop-newest errors with MAILBOX_FULL', async () => {
    const { system, gate, ref } = await gated('drop-newest', 1);
    ref.tell('a');
    const err = await collect(ref.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'MAILBOX_FULL')).toBe(true);
    gate.next();
    await system.shutdown();
  });
});
