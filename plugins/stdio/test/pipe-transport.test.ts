import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TroupeError } from '@troupe/runtime';
import { pipeTransport } from '@troupe/plugin-stdio';

function pair() {
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: string[] = [];
  const closed: string[] = [];
  const t = pipeTransport(input, output, 64);
  t.onmessage = (line) => lines.push(line);
  t.onerror = (e) => lines.push(TroupeError.is(e, 'FRAME_TOO_LARGE') ? `oversize:${String(e.details?.['bytes'])}` : e.message);
  t.onclose = () => closed.push(t.closeReason ?? '?');
  void t.start();
  return { input, output, t, lines, closed };
}

describe('pipeTransport (ACP framing over the ndjson transport)', () => {
  it('1: writes each frame with exactly one trailing \\n, a turn\'s frames coalesced in one write', async () => {
    const { t, output } = pair();
    const chunks: string[] = [];
    output.setEncoding('utf8');
    output.on('data', (c: string) => chunks.push(c));
    await Promise.all([t.send('{"jsonrpc":"2.0","method":"a","params":{"text":"x\\ny"}}'), t.send('{"jsonrpc":"2.0","method":"b"}')]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['{"jsonrpc":"2.0","method":"a","params":{"text":"x\\ny"}}\n{"jsonrpc":"2.0","method":"b"}\n']);
  });

  it('2: reads \\n and \\r\\n lines, skips blanks, and delivers a final line without \\n at EOF', async () => {
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

  it('refuses an over-long outbound line locally and writes nothing', async () => {
    const { t, output } = pair();
    await expect(t.send(`{"t":"${'b'.repeat(100)}"}`)).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'FRAME_TOO_LARGE'));
    expect(output.readableLength).toBe(0);
  });

  it('an output error (EPIPE) closes the transport once and later sends reject with TRANSPORT_CLOSED', async () => {
    const { t, output, closed } = pair();
    output.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    output.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(closed).toEqual(['output error']);
    await expect(t.send('{}')).rejects.toSatisfy((e: unknown) => TroupeError.is(e, 'TRANSPORT_CLOSED'));
  });
});
