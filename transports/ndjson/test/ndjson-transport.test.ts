import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TroupeError } from '@troupe/runtime';
import { NdjsonTransport, type LineSplitter, type SplitEvent } from '@troupe/transport-ndjson';

/** The simplest splitter (one chunk is whole lines here); the real framing rules are the protocol's. */
const wholeLines: LineSplitter = {
  push: (chunk) => new TextDecoder().decode(chunk).split('\n').filter((l) => l !== '').map((text): SplitEvent => ({ kind: 'line', text })),
  end: () => [],
};

function setup(highWaterMark?: number) {
  const input = new PassThrough();
  const output = new PassThrough(highWaterMark ? { highWaterMark: 16 } : {});
  const t = new NdjsonTransport(input, output, { splitter: wholeLines, maxLineBytes: 64, ...(highWaterMark ? { highWaterMark } : {}) });
  const closes: string[] = [];
  t.onclose = () => closes.push(t.closeReason ?? '?');
  return { input, output, t, closes };
}

describe('NdjsonTransport', () => {
  it('refuses a line with a newline in it (it would be two frames) and writes nothing', async () => {
    const { t, output } = setup();
    await t.start();
    await expect(t.send('{"a":1}\n{"b":2}')).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'INVALID_MESSAGE'));
    await new Promise((r) => setImmediate(r));
    expect(output.readableLength).toBe(0);
  });

  it('write() is refused before start and after close, with TRANSPORT_CLOSED', async () => {
    const { t, closes } = setup();
    expect(TroupeError.is(t.write('{}'), 'TRANSPORT_CLOSED')).toBe(true);
    await t.start();
    await t.close();
    await t.close();
    expect(TroupeError.is(t.write('{}'), 'TRANSPORT_CLOSED')).toBe(true);
    expect(closes).toEqual(['closed locally']);
  });

  it('ready() holds a producer back past the high-water mark until the reader drains', async () => {
    const { t, output } = setup(32);
    await t.start();
    expect(t.ready()).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(t.write(`{"pad":"${'z'.repeat(20)}"}`)).toBeUndefined();
    const wait = t.ready();
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => { released = true; });
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false);
    output.resume();
    await wait;
    expect(released).toBe(true);
  });

  it('a write that throws (a destroyed sink) closes the transport once with the cause kept', async () => {
    const { t, output, closes } = setup();
    await t.start();
    output.write = () => { throw new Error('write after destroy'); };
    t.write('{}');
    await new Promise((r) => setImmediate(r));
    expect(closes).toEqual(['output error']);
    expect(t.closeCause?.message).toBe('write after destroy');
  });

  it('review: an output or input error before start() closes the transport instead of being thrown as an unhandled stream error', async () => {
    for (const side of ['output', 'input'] as const) {
      const { input, output, t, closes } = setup();
      (side === 'output' ? output : input).emit('error', new Error('EPIPE'));
      expect(closes).toEqual([`${side} error`]);
      expect(t.closeCause?.message).toBe('EPIPE');
      await expect(t.start()).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'TRANSPORT_CLOSED'));
    }
  });
});
