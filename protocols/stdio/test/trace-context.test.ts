import { describe, expect, test } from 'vitest';
import { pickTraceContext, request, validateParams, withTraceContext } from '../src/index.js';
import { schemaErrors } from './support/schema.js';

describe('trace context in _meta (§15)', () => {
  const prompt = {
    sessionId: 's', prompt: [],
    _meta: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'k=v', troupe: { x: 1 } },
  };

  test('21.43 (wire part): the incoming traceparent appears unchanged in _meta of requests sent during the turn', () => {
    const trace = pickTraceContext(prompt);
    expect(trace).toEqual({ traceparent: prompt._meta.traceparent, tracestate: 'k=v' });
    const params = withTraceContext({ sessionId: 's', path: '/a.ts', _meta: { troupe: { y: 2 } } }, trace);
    expect(params._meta).toEqual({ troupe: { y: 2 }, traceparent: prompt._meta.traceparent, tracestate: 'k=v' });
    const frame = request(3, 'fs/read_text_file', params);
    expect(validateParams('fs/read_text_file', frame.params).ok).toBe(true);
    expect(schemaErrors('ReadTextFileRequest', frame.params)).toBe(undefined);
  });

  test('no trace context: nothing picked, params returned as is and never mutated', () => {
    expect(pickTraceContext({ sessionId: 's' })).toBe(undefined);
    expect(pickTraceContext({ _meta: null })).toBe(undefined);
    expect(pickTraceContext(7)).toBe(undefined);
    const p = { sessionId: 's' };
    expect(withTraceContext(p, undefined)).toBe(p);
    const q = { sessionId: 's', _meta: { a: 1 } };
    withTraceContext(q, { traceparent: 't' });
    expect(q._meta).toEqual({ a: 1 });
  });
});
