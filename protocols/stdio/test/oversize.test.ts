import { describe, expect, test } from 'vitest';
import { LineDecoder, classifyOversize, sniffEnvelope } from '../src/index.js';
import { enc } from './support/bytes.js';

describe('sniffEnvelope', () => {
  test('recovers top-level id and method from a truncated head', () => {
    expect(sniffEnvelope('{"jsonrpc":"2.0","id":7,"method":"session/prompt","params":{"prompt":[{"te'))
      .toEqual({ isObject: true, hasId: true, id: 7, method: 'session/prompt' });
    expect(sniffEnvelope(' {"method":"a\\"b","id":"x\\u0041"}')).toEqual({ isObject: true, hasId: true, id: 'xA', method: 'a"b' });
  });

  test('ignores id and method nested in params, in any member order', () => {
    expect(sniffEnvelope('{"params":{"id":1,"method":"inner","x":[{"id":2}]},"method":"outer","id":3}'))
      .toEqual({ isObject: true, hasId: true, id: 3, method: 'outer' });
    expect(sniffEnvelope('{"params":{"id":1,"method":"inner"'))
      .toEqual({ isObject: true, hasId: false, id: null, method: undefined });
  });

  test('an id cut off by the end of the head is not trusted', () => {
    expect(sniffEnvelope('{"method":"x","id":12').hasId).toBe(false);
    expect(sniffEnvelope('{"method":"x","id":"ab').hasId).toBe(false);
  });

  test('non-objects and garbage recover nothing', () => {
    for (const s of ['', '[1,2]', 'hello', '{', '{"a"', '{"id":true,"method":1}', '{id:1}']) {
      const r = sniffEnvelope(s);
      expect(r.hasId).toBe(false);
      expect(r.method).toBe(undefined);
    }
  });
});

describe('classifyOversize (§3.2)', () => {
  const limit = 32 * 1024 * 1024;

  test('21.8: an over-long request is answered with -32600 "message too large" carrying its id and data.limit', () => {
    const d = new LineDecoder({ maxMessageBytes: 1000 });
    const events = d.push(enc.encode(`{"jsonrpc":"2.0","id":"r-1","method":"session/prompt","params":{"t":"${'x'.repeat(2000)}"}}\n`));
    const ev = events[0];
    if (ev?.kind !== 'oversize') throw new Error('expected oversize');
    const a = classifyOversize(ev.head, 'serve', d.maxMessageBytes);
    expect(a).toEqual({
      action: 'reply',
      frame: { jsonrpc: '2.0', id: 'r-1', error: { code: -32600, message: 'message too large', data: { limit: 1000 } } },
    });
    expect(classifyOversize(ev.head, 'drive', 1000).action).toBe('reply');
  });

  test('a response is never answered: the pending request fails locally', () => {
    expect(classifyOversize('{"jsonrpc":"2.0","id":4,"result":{"content":"xxxx', 'drive', limit)).toEqual({ action: 'fail-pending', id: 4 });
    expect(classifyOversize('{"jsonrpc":"2.0","id":4,"result":{"content":"xxxx', 'serve', limit)).toEqual({ action: 'fail-pending', id: 4 });
  });

  test('no id recovered: serve answers with id null, drive stays silent', () => {
    const head = '{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{"x":"yyy';
    expect(classifyOversize(head, 'serve', limit)).toEqual({
      action: 'reply',
      frame: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'message too large', data: { limit } } },
    });
    expect(classifyOversize(head, 'drive', limit)).toEqual({ action: 'ignore' });
    expect(classifyOversize('not json at all', 'drive', limit)).toEqual({ action: 'ignore' });
  });
});
