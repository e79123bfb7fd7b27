import { describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import { createSystem, text, textOf, TroupeError, type Message, type Part } from '@troupe/runtime';
import { collect } from '@troupe/runtime/testing';
import { Agent, type AgentContext } from '@troupe/actors';

class Echo extends Agent {
  static override card = { name: 'echo', description: 'says it back', skills: ['echo'] };
  onMessage(msg: Message) {
    return `echo: ${textOf(msg)}`;
  }
}

class Streamer extends Agent {
  async *onMessage(msg: Message) {
    for (const word of textOf(msg).split(' ')) yield text(word);
  }
}

class Greeter extends Agent {
  constructor(private readonly greeting: string) {
    super();
  }
  onMessage(msg: Message) {
    return `${this.greeting}, ${textOf(msg)}`;
  }
}

describe('Agent', () => {
  it('issue 10: an async onMessage resolving to a non-Part fails the ask with INVALID_PART and the agent restarts', async () => {
    class Typo extends Agent {
      calls = 0;
      async onMessage() {
        this.calls += 1;
        return { type: 'txt', text: 'x' } as unknown as Part;
      }
    }
    const system = await createSystem();
    const fails: string[] = [];
    system.inspect$.subscribe((e) => { if (e.type === '@troupe.fail' || e.type === '@troupe.restart') fails.push(e.type); });
    const ref = system.spawn(Typo);
    const err = await collect(ref.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'INVALID_PART')).toBe(true);
    expect((err as Error).message).toMatch(/unknown type "txt"/);
    const again = await collect(ref.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(again, 'INVALID_PART')).toBe(true);
    // The second failure came from the restarted incarnation (its restart is reported once it runs).
    expect(fails).toEqual(['@troupe.fail', '@troupe.restart', '@troupe.fail']);
    await system.shutdown();
  });

  it('is spawned from its class and answers asks', async () => {
    const system = await createSystem();
    const ref = system.spawn(Echo, { name: 'echo' });
    expect(await collect(ref.ask('hi'))).toEqual([text('echo: hi')]);
    expect(system.cardOf(ref)).toEqual(Echo.card);
    await system.shutdown();
  });

  it('streams an async generator part by part', async () => {
    const system = await createSystem();
    const parts = await collect(system.spawn(Streamer).ask('a b c'));
    expect(parts.map((p) => (p as { text: string }).text)).toEqual(['a', 'b', 'c']);
    await system.shutdown();
  });

  it('takes constructor arguments through with()', async () => {
    const system = await createSystem();
    const ref = system.spawn(Greeter.with('bonjour'));
    expect(textOf(await collect(ref.ask('Ada')))).toBe('bonjour, Ada');
    await system.shutdown();
  });

  it('hosts the agent lifecycle machine: idle when started, stopped at the end', async () => {
    const system = await createSystem();
    const ref = system.spawn(Echo);
    expect(ref.state).toBe('idle');
    await collect(ref.ask('x'));
    expect(ref.state).toBe('idle');
    await system.stop(ref);
    expect(ref.state).toBe('stopped');
    await system.shutdown();
  });

  it('goes busy while a message is handled', async () => {
    const system = await createSystem();
    let seen = '';
    class Slow extends Agent {
      onMessage(_m: Message, ctx: AgentContext) {
        seen = ctx.self.state;
        return new Observable<Part>((s) => { setTimeout(() => { s.next(text('done')); s.complete(); }, 5); });
      }
    }
    const ref = system.spawn(Slow);
    await collect(ref.ask('go'));
    expect(seen).toBe('busy');
    await system.shutdown();
  });

  it('gives a clear CAPABILITY_UNAVAILABLE error for client calls of a local message', async () => {
    const system = await createSystem();
    class Reader extends Agent {
      async onMessage(_m: Message, ctx: AgentContext) {
        return ctx.client.fs.readTextFile('/etc/hostname');
      }
    }
    const err = await collect(system.spawn(Reader).ask('read')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'HANDLER_FAILED')).toBe(true);
    expect(((err as TroupeError).cause as TroupeError).code).toBe('CAPABILITY_UNAVAILABLE');
    expect(((err as TroupeError).cause as TroupeError).message).toMatch(/fs\.readTextFile/);
    await system.shutdown();
  });

  it('exposes session, task and client from the message origin', async () => {
    const system = await createSystem();
    let got: unknown;
    class Peek extends Agent {
      onMessage(_m: Message, ctx: AgentContext) {
        got = { session: ctx.session?.id, task: ctx.task?.state };
        return 'ok';
      }
    }
    await collect(system.spawn(Peek).ask('x', { origin: { protocol: 'test', session: { id: 's-1' }, task: { id: 't', state: 'working' } } }));
    expect(got).toEqual({ session: 's-1', task: 'working' });
    await system.shutdown();
  });
});

describe('Agent lifecycle under supervision', () => {
  it('after a resume directive the agent machine is idle again, not failed', async () => {
    const system = await createSystem({ supervision: { decide: () => 'resume' } });
    class Touchy extends Agent {
      onMessage(msg: Message) {
        if (textOf(msg) === 'boom') throw new Error('boom');
        return 'fine';
      }
    }
    const ref = system.spawn(Touchy);
    ref.tell('boom');
    expect(textOf(await collect(ref.ask('after')))).toBe('fine');
    expect(ref.state).toBe('idle');
    await system.shutdown();
  });
});
