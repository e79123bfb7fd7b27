import { describe, expect, test } from 'vitest';
import { MAX_LINE_DEPTH, classifyMessage, decodeLine, isJsonRpcId, type Inbound } from '../src/index.js';

function expectReply(m: Inbound, code: number, id: unknown): void {
  if (m.type !== 'invalid' || m.reply === undefined) throw new Error(`expected a reply, got ${JSON.stringify(m)}`);
  expect(m.reply.jsonrpc).toBe('2.0');
  expect(m.reply.error.code).toBe(code);
  expect(m.reply.id).toBe(id);
}

describe('decodeLine: well-formed messages', () => {
  test('request, notification, result and error response', () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"method":"session/new","params":{"cwd":"/r"}}', 'serve'))
      .toEqual({ type: 'request', id: 1, method: 'session/new', params: { cwd: '/r' }, missingVersion: false });
    expect(decodeLine('{"jsonrpc":"2.0","method":"session/cancel","params":{"sessionId":"s"}}', 'serve'))
      .toEqual({ type: 'notification', method: 'session/cancel', params: { sessionId: 's' }, missingVersion: false });
    expect(decodeLine('{"jsonrpc":"2.0","id":"a","result":{"x":1}}', 'drive')).toEqual({ type: 'result', id: 'a', result: { x: 1 } });
    expect(decodeLine('{"jsonrpc":"2.0","id":3,"error":{"code":-32002,"message":"nope","data":{"sessionId":"s"}}}', 'drive'))
      .toEqual({ type: 'error', id: 3, error: { code: -32002, message: 'nope', data: { sessionId: 's' } } });
  });

  test('params may be absent, null or an array', () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"method":"logout"}', 'serve')).toMatchObject({ type: 'request', params: undefined });
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"method":"logout","params":null}', 'serve')).toMatchObject({ type: 'request', params: null });
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"method":"_x","params":[1]}', 'serve')).toMatchObject({ type: 'request', params: [1] });
  });

  test('a missing "jsonrpc" member is tolerated and flagged', () => {
    expect(decodeLine('{"id":1,"method":"initialize","params":{}}', 'serve')).toMatchObject({ type: 'request', missingVersion: true });
    expect(decodeLine('{"method":"session/cancel"}', 'serve')).toMatchObject({ type: 'notification', missingVersion: true });
  });

  test('a result of null is a result, not a missing one', () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"result":null}', 'drive')).toEqual({ type: 'result', id: 1, result: null });
  });

  test('21.16: ids keep their JSON type ("7" and 7 are different)', () => {
    const s = decodeLine('{"jsonrpc":"2.0","id":"7","method":"session/new","params":{}}', 'serve');
    const n = decodeLine('{"jsonrpc":"2.0","id":7,"method":"session/new","params":{}}', 'serve');
    expect(s.type === 'request' && s.id).toBe('7');
    expect(n.type === 'request' && n.id).toBe(7);
    const rs = decodeLine('{"jsonrpc":"2.0","id":"7","result":{}}', 'drive');
    expect(rs.type === 'result' && rs.id).toBe('7');
  });

  test('id rules: strings, finite numbers and null are ids; others are not', () => {
    for (const ok of ['x', '', 0, -1, 1.5, null]) expect(isJsonRpcId(ok)).toBe(true);
    for (const bad of [undefined, true, {}, [], Number.NaN, Number.POSITIVE_INFINITY]) expect(isJsonRpcId(bad)).toBe(false);
  });
});

describe('decodeLine: serve mode errors', () => {
  test('21.6: a malformed JSON line gets exactly one -32700 with id null', () => {
    const m = decodeLine('{"jsonrpc":"2.0","id":1,"method":', 'serve');
    expectReply(m, -32700, null);
  });

  test('21.7: a JSON array frame gets one -32600 with id null and no element is returned for execution', () => {
    const m = decodeLine('[{"jsonrpc":"2.0","id":1,"method":"session/new","params":{}},{"jsonrpc":"2.0","method":"session/cancel"}]', 'serve');
    expectReply(m, -32600, null);
    expect(decodeLine('[]', 'serve').type).toBe('invalid');
    expectReply(decodeLine('[1]', 'drive'), -32600, null);
  });

  test('non-object JSON values get -32600 with id null', () => {
    for (const line of ['1', '"x"', 'null', 'true']) expectReply(decodeLine(line, 'serve'), -32600, null);
  });

  test('wrong jsonrpc version, non-string method, bad id and primitive params are -32600', () => {
    expectReply(decodeLine('{"jsonrpc":"1.0","id":4,"method":"x"}', 'serve'), -32600, 4);
    expectReply(decodeLine('{"jsonrpc":"2.0","id":4,"method":5}', 'serve'), -32600, 4);
    expectReply(decodeLine('{"jsonrpc":"2.0","id":{"a":1},"method":"x"}', 'serve'), -32600, null);
    expectReply(decodeLine('{"jsonrpc":"2.0","id":4,"method":"x","params":"str"}', 'serve'), -32600, 4);
    expectReply(decodeLine('{"foo":1}', 'serve'), -32600, null);
  });

  test('a malformed notification is never answered', () => {
    const m = decodeLine('{"jsonrpc":"2.0","method":"session/cancel","params":7}', 'serve');
    expect(m.type).toBe('invalid');
    expect(m.type === 'invalid' && m.reply).toBe(undefined);
  });

  test('malformed responses are never answered but keep their id for the pending request', () => {
    const both = decodeLine('{"jsonrpc":"2.0","id":9,"result":{},"error":{"code":1,"message":"m"}}', 'drive');
    expect(both).toMatchObject({ type: 'invalid', id: 9 });
    expect(both.type === 'invalid' && both.reply).toBe(undefined);
    expect(decodeLine('{"jsonrpc":"2.0","id":9,"error":"boom"}', 'serve')).toMatchObject({ type: 'invalid', id: 9 });
    expect(decodeLine('{"jsonrpc":"2.0","id":9}', 'serve')).toMatchObject({ type: 'invalid', id: 9 });
    const noId = decodeLine('{"jsonrpc":"2.0","result":{}}', 'serve');
    expect(noId.type === 'invalid' && noId.reply).toBe(undefined);
  });
});

describe('decodeLine: drive mode tolerance (§3.4)', () => {
  test('21.5 (wire part): non-JSON lines are noise, never answered, and the next frame still decodes', () => {
    const noise = decodeLine('\u001b[32mStarting agent v1.2…\u001b[0m', 'drive');
    expect(noise.type).toBe('noise');
    expect(decodeLine('{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":1}}', 'drive').type).toBe('result');
  });

  test('JSON log lines that are not JSON-RPC are noise', () => {
    expect(decodeLine('{"level":30,"msg":"listening"}', 'drive').type).toBe('noise');
    expect(decodeLine('42', 'drive').type).toBe('noise');
    expect(decodeLine('{"error":"boom","level":"error"}', 'drive').type).toBe('noise');
  });

  test('noise preview is at most 200 bytes', () => {
    const m = decodeLine('x'.repeat(5000), 'drive');
    expect(m.type === 'noise' && m.preview.length).toBe(200);
  });

  test('a request with a bad params type is still answered in drive mode (it is clearly JSON-RPC)', () => {
    expectReply(decodeLine('{"jsonrpc":"2.0","id":2,"method":"fs/read_text_file","params":3}', 'drive'), -32600, 2);
  });
});

describe('classifyMessage', () => {
  test('works on already-parsed values (in-process peers)', () => {
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, method: 'x' }, 'serve').type).toBe('request');
    expect(classifyMessage(undefined, 'serve').type).toBe('invalid');
    expect(classifyMessage(undefined, 'drive').type).toBe('noise');
  });
});

describe('issue 9.3: deeply nested lines', () => {
  const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  test('issue 9.3: a request nested deeper than MAX_LINE_DEPTH is -32700 with id null (serve) and noise (drive)', () => {
    const line = `{"jsonrpc":"2.0","id":1,"method":"session/prompt","params":{"sessionId":"s","prompt":${deep(5_000)}}}`;
    const m = decodeLine(line, 'serve');
    expectReply(m, -32700, null);
    expect(m.type === 'invalid' && m.reply?.error.data).toEqual({ details: `JSON nested deeper than ${MAX_LINE_DEPTH} levels` });
    expect(decodeLine(line, 'drive').type).toBe('noise');
  });

  test('issue 9.3: brackets inside strings do not count, and the limit itself is accepted', () => {
    const text = `${'['.repeat(5_000)}"${'{'.repeat(600)}`; // an escaped quote in the middle
    const quoted = `{"jsonrpc":"2.0","id":1,"method":"_x","params":{"t":${JSON.stringify(text)}}}`;
    expect(decodeLine(quoted, 'serve').type).toBe('request');
    // {"params": X} is one level above X.
    expect(decodeLine(`{"jsonrpc":"2.0","id":1,"method":"_x","params":${deep(MAX_LINE_DEPTH - 1)}}`, 'serve').type).toBe('request');
    expectReply(decodeLine(`{"jsonrpc":"2.0","id":1,"method":"_x","params":${deep(MAX_LINE_DEPTH)}}`, 'serve'), -32700, null);
  });
});
