import { describe, expect, it } from 'vitest';
import { firstValueFrom, interval, map, Observable, take } from 'rxjs';
import { createSystem, data, text, textOf, TroupeError, type Message, type Part } from '@troupe/runtime';
import { collect, flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';

describe('ask', () => {
  it.each([
    ['a string', () => 'hi', [text('hi')]],
    ['a part', () => data(1), [data(1)]],
    ['an array', () => [text('a'), text('b')], [text('a'), text('b')]],
    ['a promise of text', async () => 'later', [text('later')]],
    ['a promise of nothing', async () => undefined, []],
    ['nothing', () => undefined, []],
    ['an Observable', () => interval(1).pipe(take(3), map((i) => text(String(i)))), [text('0'), text('1'), text('2')]],
    ['an async iterable of strings', async function* () { yield 'x'; yield 'y'; }, [text('x'), text('y')]],
    ['a promise of an Observable', async () => new Observable<Part>((s) => { s.next(text('o')); s.complete(); }), [text('o')]],
  ])('streams %s as parts', async (_, handler, expected) => {
    const system = await createSystem();
    expect(await collect(system.spawn(handler as never).ask('q'))).toEqual(expected);
    await system.shutdown();
  });

  it('is cold: nothing is sent until subscribed', async () => {
    const system = await createSystem();
    let calls = 0;
    const ref = system.spawn(() => { calls += 1; return 'x'; });
    const stream = ref.ask('q');
    await flushMicrotasks();
    expect(calls).toBe(0);
    await collect(stream);
    await collect(stream);
    expect(calls).toBe(2);
    await system.shutdown();
  });

  it('unsubscribing cancels: the handler signal aborts and the actor takes the next message', async () => {
    const system = await createSystem();
    let aborted = false;
    const ref = system.spawn((m: Message, ctx) => {
      if (textOf(m) === 'next') return 'served';
      ctx.signal.addEventListener('abort', () => { aborted = true; });
      return new Observable<Part>(() => undefined);
    });
    const sub = ref.ask('forever').subscribe();
    await flushMicrotasks();
    sub.unsubscribe();
    expect(aborted).toBe(true);
    expect(textOf(await collect(ref.ask('next')))).toBe('served');
    await system.shutdown();
  });

  it('an ask cancelled while still queued is never handled', async () => {
    const system = await createSystem();
    const seen: string[] = [];
    let release!: () => void;
    const ref = system.spawn(async (m: Message) => {
      seen.push(textOf(m));
      if (textOf(m) === 'block') await new Promise<void>((r) => { release = r; });
    });
    ref.tell('block');
    await flushMicrotasks();
    ref.ask('skipped').subscribe().unsubscribe();
    ref.tell('after');
    release();
    await system.shutdown();
    expect(seen).toEqual(['block', 'after']);
  });

  it('times out with ASK_TIMEOUT on the system clock', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    let aborted = false;
    const ref = system.spawn((_m, ctx) => {
      ctx.signal.addEventListener('abort', () => { aborted = true; });
      return new Observable<Part>(() => undefined);
    });
    const result = collect(ref.ask('q', { timeoutMs: 500 })).catch((e: unknown) => e);
    await flushMicrotasks();
    clock.advance(499);
    expect(aborted).toBe(false);
    clock.advance(1);
    const err = await result;
    expect(TroupeError.is(err, 'ASK_TIMEOUT')).toBe(true);
    expect(aborted).toBe(true);
    await system.shutdown({ deadlineMs: 0 });
  });

  it('issue 8.1: a timeout fails the ask even when the handler winds down and completes on abort', async () => {
    const clock = new SimulatedClock();
    const system = await createSystem({ clock });
    let reason: unknown;
    const ref = system.spawn((_m, ctx) => new Observable<Part>((sub) => {
      ctx.signal.addEventListener('abort', () => {
        reason = ctx.signal.reason;
        sub.next(text('stopped early'));
        sub.complete();
      });
    }));
    const result = collect(ref.ask('q', { timeoutMs: 500 })).catch((e: unknown) => e);
    await flushMicrotasks();
    clock.advance(500);
    expect(TroupeError.is(await result, 'ASK_TIMEOUT')).toBe(true);
    expect(TroupeError.is(reason, 'ASK_TIMEOUT')).toBe(true);
    await system.shutdown();
  });

  it('a handler emitting a malformed part fails the ask with the reason', async () => {
    const system = await createSystem();
    const ref = system.spawn(() => [{ type: 'text' }] as never);
    const err = (await collect(ref.ask('q')).catch((e: unknown) => e)) as TroupeError;
    expect(err.code).toBe('INVALID_PART');
    expect((err.cause as TroupeError).code).toBe('INVALID_PART');
    await system.shutdown();
  });

  it('rejects a malformed part at the call with INVALID_PART', async () => {
    const system = await createSystem();
    const ref = system.spawn(() => 'x');
    expect(() => ref.ask({ type: 'image' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_PART' }));
    expect(() => ref.tell([{ type: 'nope' }] as never)).toThrow(expect.objectContaining({ code: 'INVALID_PART' }));
    await system.shutdown();
  });

  it('ctx.reply and ctx.progress stream on the asker, ctx.ask propagates cancellation', async () => {
    const system = await createSystem();
    let innerAborted = false;
    const inner = system.spawn((_m, ctx) => {
      ctx.signal.addEventListener('abort', () => { innerAborted = true; });
      return new Observable<Part>(() => undefined);
    });
    const outer = system.spawn((_m, ctx) => {
      ctx.progress('half', 0.5);
      ctx.reply('early');
      return ctx.ask(inner, 'deeper');
    });
    const got: Part[] = [];
    const sub = outer.ask('go').subscribe((p) => got.push(p));
    await flushMicrotasks();
    expect(got).toEqual([{ type: 'progress', note: 'half', ratio: 0.5 }, text('early')]);
    sub.unsubscribe();
    await flushMicrotasks();
    expect(innerAborted).toBe(true);
    await system.shutdown();
  });

  it('ctx.reply to a tell goes back to the sender as a reply message', async () => {
    const system = await createSystem();
    const replies: Message[] = [];
    const client = system.spawn((m: Message) => { replies.push(m); });
    const server = system.spawn((_m, ctx) => { ctx.reply('pong'); });
    server.tell('ping', { sender: client });
    await firstValueFrom(interval(1).pipe(take(20), map(() => replies.length)).pipe((s) => new Observable<number>((o) => s.subscribe((n) => { if (n > 0) { o.next(n); o.complete(); } }))));
    expect(textOf(replies[0] as Message)).toBe('pong');
    expect(replies[0]?.role).toBe('agent');
    await system.shutdown();
  });

  it('handles messages one at a time by default, and concurrently when asked to', async () => {
    const system = await createSystem();
    for (const [concurrency, expected] of [[1, 1], [3, 3]] as const) {
      let now = 0;
      let max = 0;
      const ref = system.spawn(async () => {
        now += 1;
        max = Math.max(max, now);
        await new Promise((r) => setTimeout(r, 2));
        now -= 1;
      }, { concurrency });
      await Promise.all([1, 2, 3, 4, 5].map(() => collect(ref.ask('x'))));
      expect(max).toBe(expected);
    }
    await system.shutdown();
  });
});

describe('ask: cancellation and back-pressure options', () => {
  it('a normally completed ask does not abort the handler signal (regression)', async () => {
    const system = await createSystem();
    let aborted = false;
    const ref = system.spawn(async (_m, ctx) => {
      ctx.signal.addEventListener('abort', () => { aborted = true; });
      return 'done';
    });
    await collect(ref.ask('q'));
    await flushMicrotasks();
    expect(aborted).toBe(false);
    await system.shutdown();
  });

  it('options.signal aborts the handler but keeps the stream open for what it emits while winding down', async () => {
    const system = await createSystem();
    const ref = system.spawn(async function* (_m, ctx) {
      yield text('working');
      await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }));
      yield text('wound down');
    });
    const ctl = new AbortController();
    const parts: Part[] = [];
    const done = new Promise<void>((resolve, reject) => ref.ask('q', { signal: ctl.signal }).subscribe({ next: (p) => parts.push(p), complete: resolve, error: reject }));
    await flushMicrotasks();
    expect(parts).toEqual([text('working')]);
    ctl.abort();
    await done;
    expect(parts).toEqual([text('working'), text('wound down')]);
    await system.shutdown();
  });

  it('options.ready holds back an async-iterable handler until the consumer has room', async () => {
    const system = await createSystem();
    let pulled = 0;
    const ref = system.spawn(async function* () {
      for (let i = 0; i < 5; i++) {
        pulled += 1;
        yield text(String(i));
      }
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let waits = 0;
    const result = collect(ref.ask('q', { ready: () => { waits += 1; return waits === 2 ? gate : undefined; } }));
    await flushMicrotasks();
    expect(pulled).toBe(2);
    release();
    expect((await result).map((p) => (p as { text: string }).text)).toEqual(['0', '1', '2', '3', '4']);
    expect(pulled).toBe(5);
    await system.shutdown();
  });
});

describe('forwarding', () => {
  it('a forwarded local ask passes its parts through; a piped one is checked again', async () => {
    const system = await createSystem();
    const inner = system.spawn(() => [text('a'), text('b')]);
    const forward = system.spawn((m: Message, ctx) => ctx.ask(inner, m));
    expect(await collect(forward.ask('q'))).toEqual([text('a'), text('b')]);
    const broken = system.spawn((m: Message, ctx) => ctx.ask(inner, m).pipe(map(() => ({ type: 'text' }) as unknown as Part)));
    const err = (await collect(broken.ask('q')).catch((e: unknown) => e)) as TroupeError;
    expect((err.cause as TroupeError).code).toBe('INVALID_PART');
    await system.shutdown();
  });
});

describe('array answers', () => {
  it('pause on the consumer back-pressure like any stream, and lose nothing', async () => {
    const system = await createSystem();
    const ref = system.spawn(() => Array.from({ length: 5 }, (_, i) => text(String(i))));
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const got: string[] = [];
    let calls = 0;
    const done = new Promise<void>((resolve, reject) => ref.ask('q', { ready: () => (++calls === 2 ? gate : undefined) }).subscribe({
      next: (p) => got.push((p as { text: string }).text), error: reject, complete: resolve,
    }));
    await flushMicrotasks();
    expect(got).toEqual(['0', '1']);
    release();
    await done;
    expect(got).toEqual(['0', '1', '2', '3', '4']);
    await system.shutdown();
  });

  it('a bad item fails the answer after the parts before it', async () => {
    const system = await createSystem();
    const ref = system.spawn(() => [text('ok'), { type: 'text' }] as never);
    const got: Part[] = [];
    const err = await new Promise<unknown>((resolve) => ref.ask('q').subscribe({ next: (p) => got.push(p), error: resolve, complete: () => resolve(undefined) }));
    expect(got).toEqual([text('ok')]);
    expect(((err as TroupeError).cause as TroupeError).code).toBe('INVALID_PART');
    await system.shutdown();
  });
});
