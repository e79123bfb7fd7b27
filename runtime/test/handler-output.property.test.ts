import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Observable } from 'rxjs';
import { assertPart, createSystem, text, TroupeError, type HandlerResult, type InspectionEvent, type Part } from '@troupe/runtime';
import { collect } from '@troupe/runtime/testing';

/**
 * Values that are not Parts (nor strings, which become text parts), as factories: fast-check
 * inspects generated values, and a hostile Proxy must only meet the runtime.
 */
function badOutputs(): fc.Arbitrary<() => unknown> {
  const throwingGetter = (): unknown => Object.defineProperty({}, 'type', { enumerable: true, get: () => { throw new Error('getter exploded'); } });
  // Throws on every property but `then`: an async generator awaits what it yields, so a throwing
  // `then` would fail inside the handler's own code (a handler error, not bad output).
  const hostileProxy = (): unknown => new Proxy({}, {
    get: (_t, key) => { if (key === 'then') return undefined; throw new Error('proxy trap'); },
    has: () => { throw new Error('proxy trap'); },
  });
  const plain = fc.oneof(
    fc.constant({ type: 'txt', text: 'x' }),
    fc.constant({ type: 'text', text: 5 }),
    fc.constant({ type: 'text' }),
    fc.constant({ type: 'image', mimeType: 'image/png' }),
    fc.constant({ type: 'tool_call', toolCallId: 't', content: [{ type: 'nope' }] }),
    fc.constant(null),
    fc.constant(true),
    fc.constant(Symbol('s')),
    fc.constant(10n),
    fc.constant(() => 'a function'),
    fc.integer(),
    fc.double(),
    fc.anything().filter((v) => typeof v !== 'string' && v !== undefined && !isPart(v) && !Array.isArray(v)),
  );
  return fc.oneof(plain.map((v) => () => v), fc.constant(throwingGetter), fc.constant(hostileProxy));
}

function isPart(v: unknown): boolean {
  try {
    assertPart(v);
    return true;
  } catch {
    return false;
  }
}

/** Every way a handler can hand back its output, each wrapping one bad value. */
const KINDS: Record<string, (bad: unknown) => () => HandlerResult> = {
  'sync value': (bad) => () => bad as HandlerResult,
  'promise': (bad) => async () => bad,
  'promise of a promise': (bad) => () => Promise.resolve(Promise.resolve(bad)),
  'array after a good part': (bad) => () => [text('ok'), bad] as never,
  'promise of an array': (bad) => async () => [bad] as never,
  'async generator': (bad) => async function* () { yield text('ok'); yield bad as Part; },
  'sync generator': (bad) => function* () { yield text('ok'); yield bad as Part; } as never,
  'observable': (bad) => () => new Observable<Part>((s) => { s.next(text('ok')); s.next(bad as Part); s.complete(); }),
  'promise of an observable': (bad) => async () => new Observable<Part>((s) => { s.next(bad as Part); s.complete(); }),
};

describe('issue 10: bad handler output becomes INVALID_PART and a supervised failure', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  it('issue 10: an async handler resolving to { type: "txt" } fails the ask with INVALID_PART, not the process', async () => {
    const system = await createSystem();
    const ref = system.spawn(async () => ({ type: 'txt', text: 'x' }) as never);
    const err = await collect(ref.ask('q')).catch((e: unknown) => e);
    expect(TroupeError.is(err, 'INVALID_PART')).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toEqual([]);
    await system.shutdown();
  });

  it('issue 10: every handler kind × bad output → INVALID_PART for the asker, @troupe.fail for the supervisor, no unhandled error', async () => {
    const system = await createSystem();
    const failures: InspectionEvent[] = [];
    const sub = system.inspect$.subscribe((e) => { if (e.type === '@troupe.fail') failures.push(e); });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(KINDS)), badOutputs(), async (kind, makeBad) => {
        const make = KINDS[kind] as (bad: unknown) => () => HandlerResult;
        const ref = system.spawn(make(makeBad()));
        const before = failures.length;
        const err = await collect(ref.ask('q')).then(() => undefined, (e: unknown) => e);
        expect(TroupeError.is(err, 'INVALID_PART'), `${kind}: ${String(err)}`).toBe(true);
        expect(failures.slice(before).some((e) => e.type === '@troupe.fail' && e.address === ref.address)).toBe(true);
        // The actor was restarted by its supervisor and answers again.
        await system.stop(ref);
        await new Promise((r) => setImmediate(r));
        expect(unhandled).toEqual([]);
      }),
      { numRuns: 300 },
    );
    sub.unsubscribe();
    await system.shutdown();
  });

  it('issue 10: a handler that fails on bad output is restarted and serves the next message', async () => {
    const system = await createSystem();
    let calls = 0;
    const ref = system.spawn(async () => (++calls === 1 ? ({ type: 'txt', text: 'x' }) as never : 'fine'));
    expect(TroupeError.is(await collect(ref.ask('a')).catch((e: unknown) => e), 'INVALID_PART')).toBe(true);
    expect(await collect(ref.ask('b'))).toEqual([text('fine')]);
    await system.shutdown();
  });
});
