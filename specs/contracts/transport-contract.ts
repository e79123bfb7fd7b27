import { describe, expect, it } from 'vitest';
import { TroupeError, type Transport } from '@troupe/runtime';

/** What a transport under test provides. */
export interface TransportFixture<F> {
  readonly a: Transport<F>;
  readonly b: Transport<F>;
  /** Makes `t` report a non-fatal error, if the transport can be made to. */
  readonly injectError?: (t: Transport<F>, error: Error) => void;
  /** Frees whatever the fixture holds (servers, processes). */
  readonly dispose?: () => Promise<void>;
}

interface Recorder<F> {
  readonly frames: F[];
  readonly errors: Error[];
  closes: number;
  waitFrames(n: number): Promise<void>;
  waitClose(): Promise<void>;
}

function record<F>(t: Transport<F>): Recorder<F> {
  const r: Recorder<F> = {
    frames: [],
    errors: [],
    closes: 0,
    waitFrames: (n) => until(() => r.frames.length >= n, `${n} frames (got ${r.frames.length})`),
    waitClose: () => until(() => r.closes > 0, 'onclose'),
  };
  t.onmessage = (f) => r.frames.push(f);
  t.onerror = (e) => r.errors.push(e);
  t.onclose = () => { r.closes += 1; };
  return r;
}

/** Polls `cond` on the event loop, failing with `what` after a bounded number of turns. */
async function until(cond: () => boolean, what: string, turns = 2_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, i < 50 ? 0 : 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The Transport contract (runtime/src/ports/transport.ts), run against any implementation:
 * `frame(i)` makes the i-th test frame, `make()` a connected-but-not-started pair.
 */
export function describeTransportContract<F>(name: string, make: () => Promise<TransportFixture<F>>, frame: (i: number) => F): void {
  describe(`Transport contract: ${name}`, () => {
    const started = async () => {
      const fx = await make();
      const ra = record(fx.a);
      const rb = record(fx.b);
      await Promise.all([fx.a.start(), fx.b.start()]);
      return { fx, ra, rb, done: async () => { await fx.a.close(); await fx.b.close(); await fx.dispose?.(); } };
    };

    it('delivers frames in order, both ways, after start', async () => {
      const { fx, ra, rb, done } = await started();
      for (let i = 0; i < 100; i++) await fx.a.send(frame(i));
      await fx.b.send(frame(1000));
      await rb.waitFrames(100);
      await ra.waitFrames(1);
      expect(rb.frames).toEqual(Array.from({ length: 100 }, (_, i) => frame(i)));
      expect(ra.frames).toEqual([frame(1000)]);
      await done();
    });

    it('start() twice rejects', async () => {
      const { fx, done } = await started();
      await expect(fx.a.start()).rejects.toBeInstanceOf(Error);
      await done();
    });

    it('close is idempotent and onclose fires exactly once on each side', async () => {
      const { fx, ra, rb, done } = await started();
      await fx.a.close();
      await fx.a.close();
      await ra.waitClose();
      await rb.waitClose();
      await new Promise((r) => setTimeout(r, 10));
      expect([ra.closes, rb.closes]).toEqual([1, 1]);
      await done();
    });

    it('send after close rejects with TRANSPORT_CLOSED', async () => {
      const { fx, done } = await started();
      await fx.a.close();
      const err = await fx.a.send(frame(1)).catch((e: unknown) => e);
      expect(TroupeError.is(err, 'TRANSPORT_CLOSED')).toBe(true);
      await done();
    });

    it('a peer close closes this side; sending then rejects', async () => {
      const { fx, ra, done } = await started();
      await fx.b.close();
      await ra.waitClose();
      await expect(fx.a.send(frame(1))).rejects.toBeInstanceOf(Error);
      await done();
    });

    it('onerror is not fatal: frames keep flowing after an error', async (ctx) => {
      const { fx, rb, done } = await started();
      if (!fx.injectError) {
        await done();
        ctx.skip(); // this transport offers no way to provoke a non-fatal error
        return;
      }
      fx.injectError(fx.b, new Error('glitch'));
      await until(() => rb.errors.length === 1, 'onerror');
      await fx.a.send(frame(7));
      await rb.waitFrames(1);
      expect(rb.closes).toBe(0);
      await done();
    });

    it('back-pressure: 10,000 frames sent without waiting all arrive, in order', async () => {
      const { fx, rb, done } = await started();
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 10_000; i++) sends.push(fx.a.send(frame(i)));
      await Promise.all(sends);
      await rb.waitFrames(10_000);
      expect(rb.frames[0]).toEqual(frame(0));
      expect(rb.frames[9_999]).toEqual(frame(9_999));
      expect(rb.frames.every((f, i) => JSON.stringify(f) === JSON.stringify(frame(i)))).toBe(true);
      await done();
    });

    it('abort: after onclose no frame is delivered', async () => {
      const { fx, rb, done } = await started();
      for (let i = 0; i < 50; i++) void fx.a.send(frame(i)).catch(() => {});
      await fx.b.close();
      await rb.waitClose();
      const count = rb.frames.length;
      await new Promise((r) => setTimeout(r, 10));
      expect(rb.frames.length).toBe(count);
      await done();
    });
  });
}
