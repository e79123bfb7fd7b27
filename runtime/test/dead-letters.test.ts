import { describe, expect, it } from 'vitest';
import { createSystem, TroupeError, type DeadLetter } from '@troupe/runtime';
import { collect } from '@troupe/runtime/testing';

describe('dead letters', () => {
  it('records tells to a stopped actor and fails asks with ACTOR_STOPPED', async () => {
    const system = await createSystem();
    const dead: DeadLetter[] = [];
    system.deadLetters$.subscribe((d) => dead.push(d));
    const ref = system.spawn(() => 'x', { name: 'gone' });
    await system.stop(ref);
    expect(ref.tell('hello')).toBe(false);
    const err = await collect(ref.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'ACTOR_STOPPED')).toBe(true);
    expect(dead.map((d) => [d.target, d.reason])).toEqual([
      ['troupe://local/agents/gone', 'stopped'],
      ['troupe://local/agents/gone', 'stopped'],
    ]);
    await system.shutdown();
  });

  it('records sends to an unknown address and fails asks with UNKNOWN_ADDRESS', async () => {
    const system = await createSystem();
    const dead: DeadLetter[] = [];
    system.deadLetters$.subscribe((d) => dead.push(d));
    const sender = system.spawn(() => undefined, { name: 'sender' });
    const nobody = system.refFor('troupe://local/agents/nobody');
    expect(system.lookup('troupe://local/agents/nobody')).toBeUndefined();
    expect(nobody.tell('hi', { sender })).toBe(false);
    const err = await collect(nobody.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'UNKNOWN_ADDRESS')).toBe(true);
    expect(dead.map((d) => [d.reason, d.sender])).toEqual([['unknown-address', sender.address], ['unknown-address', undefined]]);
    expect(system.deadLetterTotal).toBe(2);
    await system.shutdown();
  });

  it('reports every drop as a @troupe.drop inspection event too', async () => {
    const system = await createSystem();
    const drops: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.drop') drops.push(e.deadLetter.reason); });
    system.refFor('troupe://local/agents/x').tell('a');
    expect(drops).toEqual(['unknown-address']);
    await system.shutdown();
  });
});
