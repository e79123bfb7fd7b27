import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LineDecoder, DEFAULT_MAX_MESSAGE_BYTES, agentMessageChunk, decodeLine, encodeFrame, sessionUpdateFrame } from '../src/index.js';
import { cut, enc, feed, lines } from './support/bytes.js';

describe('LineDecoder framing', () => {
  test('splits lines and keeps them in order', () => {
    expect(lines(feed([enc.encode('{"a":1}\n{"b":2}\n')]))).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('a line split at every possible byte boundary decodes the same', () => {
    const text = '{"t":"héllo 🎉 wörld"}\n{"x":[1,2,3]}\n';
    const bytes = enc.encode(text);
    for (let i = 0; i <= bytes.length; i++) {
      expect(lines(feed(cut(bytes, [i])))).toEqual(['{"t":"héllo 🎉 wörld"}', '{"x":[1,2,3]}']);
    }
  });

  test('one byte at a time', () => {
    const bytes = enc.encode('{"a":"é"}\r\n\n{"b":2}\n');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(lines(feed(chunks))).toEqual(['{"a":"é"}', '{"b":2}']);
  });

  test('21.2: parses frames ending in \\n or \\r\\n, ignores blank lines, parses a final frame without newline at EOF', () => {
    const events = feed([enc.encode('{"a":1}\r\n\n   \r\n\t\n{"b":2}\n{"c":3}')]);
    expect(lines(events)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  test('only one trailing \\r is stripped', () => {
    expect(lines(feed([enc.encode('{"a":1}\r\r\n')]))).toEqual(['{"a":1}\r']);
  });

  test('a BOM at the very start of the stream is ignored, even split across chunks', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":1}\n')]);
    for (let i = 0; i <= 4; i++) expect(lines(feed(cut(bytes, [i])))).toEqual(['{"a":1}']);
  });

  test('a BOM later in the stream is kept (so the line fails to parse)', () => {
    const bytes = new Uint8Array([...enc.encode('{"a":1}\n'), 0xef, 0xbb, 0xbf, ...enc.encode('{"b":2}\n')]);
    expect(lines(feed([bytes]))[1]).toBe('\uFEFF{"b":2}');
  });

  test('end() after a complete stream yields nothing more', () => {
    const d = new LineDecoder();
    expect(d.push(enc.encode('{"a":1}\n'))).toHaveLength(1);
    expect(d.end()).toEqual([]);
  });

  test('does not keep the chunk buffer after a line completes', () => {
    const d = new LineDecoder();
    d.push(enc.encode('{"a":'));
    expect(d.bufferedBytes).toBe(5);
    d.push(enc.encode('1}\n'));
    expect(d.bufferedBytes).toBe(0);
  });
});

describe('LineDecoder size limit', () => {
  test('default limit is 32 MiB', () => {
    expect(new LineDecoder().maxMessageBytes).toBe(32 * 1024 * 1024);
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(33554432);
  });

  test('a line exactly at the limit passes; one byte more is oversize', () => {
    const ok = '{"a":"' + 'x'.repeat(10) + '"}';
    expect(feed([enc.encode(ok + '\n')], { maxMessageBytes: ok.length })).toEqual([{ kind: 'line', text: ok }]);
    const events = feed([enc.encode(ok + '\n')], { maxMessageBytes: ok.length - 1 });
    expect(events).toEqual([{ kind: 'oversize', bytes: ok.length, head: ok }]);
  });

  test('oversize yields an error event with the head and total size, then resynchronises at the next newline', () => {
    const big = '{"jsonrpc":"2.0","id":5,"method":"session/prompt","params":{"text":"' + 'y'.repeat(5000) + '"}}';
    const bytes = enc.encode(`${big}\n{"ok":1}\n`);
    for (const size of [1, 7, 64, 1000, 4096, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const events = feed(chunks, { maxMessageBytes: 1024, headBytes: 100 });
      expect(events).toHaveLength(2);
      expect(events[0]).toEqual({ kind: 'oversize', bytes: big.length, head: big.slice(0, 100) });
      expect(events[1]).toEqual({ kind: 'line', text: '{"ok":1}' });
    }
  });

  test('an over-long final line without newline is reported at EOF', () => {
    const events = feed([enc.encode('{"a":"' + 'z'.repeat(100))], { maxMessageBytes: 50 });
    expect(events).toHaveLength(1);
    expect(events[0]?.kind).toBe('oversize');
  });

  test('21.8 (wire part): while discarding a 33 MiB line nothing is buffered, and the next frame is read', () => {
    const limit = 32 * 1024 * 1024;
    const d = new LineDecoder();
    const head = enc.encode('{"jsonrpc":"2.0","id":"req-9","method":"session/prompt","params":{"sessionId":"s","prompt":[{"type":"text","text":"');
    const filler = new Uint8Array(1024 * 1024).fill(0x61);
    const events = [...d.push(head)];
    let maxBuffered = 0;
    for (let i = 0; i < 33; i++) {
      events.push(...d.push(filler));
      maxBuffered = Math.max(maxBuffered, d.bufferedBytes);
    }
    events.push(...d.push(enc.encode('"}]}}\n{"jsonrpc":"2.0","id":1,"method":"session/cancel"}\n')));
    expect(maxBuffered).toBeLessThanOrEqual(limit);
    expect(d.bufferedBytes).toBe(0);
    expect(events.map((e) => e.kind)).toEqual(['oversize', 'line']);
    const over = events[0];
    if (over?.kind !== 'oversize') throw new Error('expected oversize');
    expect(over.bytes).toBeGreaterThan(limit);
    expect(over.head.startsWith('{"jsonrpc":"2.0","id":"req-9"')).toBe(true);
    expect(over.head.length).toBeLessThanOrEqual(4096);
  });
});

describe('LineDecoder performance', () => {
  function timeFrame(totalBytes: number, chunkBytes: number): { ms: number; text: string } {
    const payload = 'a'.repeat(totalBytes - 20);
    const bytes = enc.encode(`{"t":"${payload}"}\n`);
    const d = new LineDecoder();
    const t0 = performance.now();
    let text = '';
    for (let i = 0; i < bytes.length; i += chunkBytes) {
      for (const ev of d.push(bytes.subarray(i, i + chunkBytes))) if (ev.kind === 'line') text = ev.text;
    }
    return { ms: performance.now() - t0, text };
  }

  test('a 20 MiB frame in 64 KiB chunks decodes in linear time', () => {
    timeFrame(1024 * 1024, 64 * 1024); // warm up
    const small = timeFrame(5 * 1024 * 1024, 64 * 1024);
    const large = timeFrame(20 * 1024 * 1024, 64 * 1024);
    expect(large.text.length).toBe(20 * 1024 * 1024 - 20 + 8);
    // Quadratic re-scanning would take seconds (320 chunks × ~10 MiB average rescans)
    // and grow ~16× for 4× the input; linear grows ~4×.
    expect(large.ms).toBeLessThan(1500);
    expect(large.ms).toBeLessThan(small.ms * 10 + 100);
  });

  test('21.9: a single 30 MiB agent_message_chunk line is received intact, byte for byte', () => {
    const unit = 'Zürich 🚀 '; // 13 UTF-8 bytes
    const text = unit.repeat(Math.ceil((30 * 1024 * 1024) / enc.encode(unit).length));
    const r = encodeFrame(sessionUpdateFrame('s-1', agentMessageChunk(text, 'm-1')));
    if (!r.ok) throw new Error('encode failed');
    const bytes = enc.encode(r.line);
    expect(bytes.length).toBeGreaterThan(30 * 1024 * 1024 - 100);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
    const got = lines(feed(chunks));
    expect(got).toHaveLength(1);
    const m = decodeLine(got[0] ?? '', 'drive');
    if (m.type !== 'notification') throw new Error('expected notification');
    const params = m.params as { update: { content: { text: string } } };
    expect(params.update.content.text === text).toBe(true);
  });
});

describe('LineDecoder properties', () => {
  test('arbitrary chunk splits, CRLF and blank lines never change the lines', () => {
    const lineArb = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''))
      .filter((s) => s.trim() !== '' && !s.startsWith('\uFEFF'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lineArb, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, cuts) => {
          const text = items.map(([l, crlf, blank]) => l + (crlf ? '\r\n' : '\n') + (blank ? '\n \n' : '')).join('');
          const bytes = enc.encode(text);
          const got = lines(feed(cut(bytes, cuts.map((c) => c % (bytes.length + 1)))));
          expect(got).toEqual(items.map(([l]) => l));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
