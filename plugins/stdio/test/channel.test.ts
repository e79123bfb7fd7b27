import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TroupeError } from '@troupe/runtime';
import { NdjsonChannel } from '@troupe/plugin-stdio';

function pair() {
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: string[] = [];
  const closed: string[] = [];
  const ch = new NdjsonChannel(input, output, { maxMessageBytes: 64 });
  ch.start({ line: (t) => lines.push(t), oversize: (e) => lines.push(`oversize:${e.bytes}`), closed: (r) => closed.push(r) });
  return { input, output, ch, lines, closed };
}

describe('NdjsonChannel', () => {
  it('1: writes compact JSON with exactly one trailing \\n per frame, coalesced in one write', async () => {
    const { ch, output } = pair();
    const chunks: string[] = [];
    output.setEncoding('utf8');
    output.on('data', (c: string) => chunks.push(c));
    const a = ch.send({ jsonrpc: '2.0', method: 'a', params: { text: 'x\ny' } });
    const b = ch.send({ jsonrpc: '2.0', method: 'b' });
    await Promise.all([a, b]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['{"jsonrpc":"2.0","method":"a","params":{"text":"x\\ny"}}\n{"jsonrpc":"2.0","method":"b"}\n']);
  });

  it('2: reads \\n and \\r\\n lines, skips blanks, and parses a final line without \\n at EOF', async () => {
    const { input, lines, closed } = pair();
    input.write('{"a":1}\r\n\n   \n{"b"');
    input.write(':2}\n{"c":3}');
    input.end();
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(closed[0]).toBe('end of input');
  });

  it('reports an over-long line without buffering it and keeps reading', async () => {
    const { input, lines } = pair();
    input.write(`{"x":"${'a'.repeat(100)}"}\n{"ok":1}\n`);
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(['oversize:108', '{"ok":1}']);
  });

  it('refuses an over-long outbound frame locally with message_too_large and writes nothing', async () => {
    const { ch, output } = pair();
    await expect(ch.send({ jsonrpc: '2.0', method: 'x', params: { t: 'b'.repeat(100) } })).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'message_too_large'));
    expect(output.readableLength).toBe(0);
  });

  it('send resolves only once the unwritten bytes drop below the high-water mark', async () => {
    const input = new PassThrough();
    const output = new PassThrough({ highWaterMark: 16 });
    const ch = new NdjsonChannel(input, output, { highWaterMark: 32 });
    ch.start({ line: () => {}, oversize: () => {}, closed: () => {} });
    let done = false;
    const p = ch.send({ jsonrpc: '2.0', method: 'm', params: { pad: 'z'.repeat(64) } }).then(() => { done = true; });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    output.resume();
    await p;
    expect(done).toBe(true);
  });

  it('an output error (EPIPE) closes the channel once and later sends reject with connection_closed', async () => {
    const { ch, output, closed } = pair();
    output.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(closed).toEqual(['output error']);
    await expect(ch.send({ jsonrpc: '2.0', method: 'x' })).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'connection_closed'));
  });
});
