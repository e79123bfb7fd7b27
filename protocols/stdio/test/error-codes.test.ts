import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import {
  ERROR_CODES, ERROR_TABLE, alreadyInitialized, authRequired, describeErrorCode, internalError, invalidParams,
  invalidRequest, messageTooLarge, methodNotFound, notInitialized, parseError, requestCancelled, resourceNotFound,
  sessionNotFound, toJsonPointer, turnAlreadyActive,
} from '../src/index.js';

const schema = createRequire(import.meta.url)('@agentclientprotocol/sdk/schema/v1/schema.json') as {
  $defs: { ErrorCode: { anyOf: { const?: number; title: string }[] } };
};

describe('error code table (§12)', () => {
  test('matches the codes and titles of the SDK schema', () => {
    const fromSchema = schema.$defs.ErrorCode.anyOf.filter((e) => e.const !== undefined).map((e) => [e.const, e.title]);
    expect(ERROR_TABLE.map((e) => [e.code, e.message])).toEqual(fromSchema);
  });

  test('-32022 (v2 draft only) is not in the v1 table', () => {
    expect(describeErrorCode(-32022)).toBe(undefined);
    expect(Object.values(ERROR_CODES)).not.toContain(-32022);
  });

  test('describeErrorCode finds rows', () => {
    expect(describeErrorCode(-32002)?.name).toBe('resourceNotFound');
  });
});

describe('error builders', () => {
  test('invalidParams names the field as a JSON pointer in data.path', () => {
    expect(invalidParams(['prompt', 0, 'type'], 'must be one of text, image')).toEqual({
      code: -32602, message: 'Invalid params: /prompt/0/type must be one of text, image',
      data: { path: '/prompt/0/type', reason: 'must be one of text, image' },
    });
    expect(invalidParams('/cwd', 'must be an absolute path').data).toEqual({ path: '/cwd', reason: 'must be an absolute path' });
  });

  test('toJsonPointer escapes ~ and /', () => {
    expect(toJsonPointer(['a/b', 'c~d', 3])).toBe('/a~1b/c~0d/3');
  });

  test('21.15 (wire part): an unknown session is -32002 with data.sessionId', () => {
    expect(sessionNotFound('s-404')).toEqual({ code: -32002, message: 'Resource not found: session', data: { sessionId: 's-404' } });
  });

  test('codes of every builder', () => {
    expect(parseError().code).toBe(-32700);
    expect(parseError('x').data).toEqual({ details: 'x' });
    expect(invalidRequest('why').code).toBe(-32600);
    expect(methodNotFound('m')).toMatchObject({ code: -32601, data: { method: 'm' } });
    expect(internalError('boom')).toEqual({ code: -32603, message: 'Internal error', data: { details: 'boom' } });
    expect(requestCancelled().code).toBe(-32800);
    expect(authRequired().code).toBe(-32000);
    expect(resourceNotFound('terminal', { terminalId: 't' }).code).toBe(-32002);
    expect(messageTooLarge(5)).toEqual({ code: -32600, message: 'message too large', data: { limit: 5 } });
    expect(notInitialized('session/new')).toMatchObject({ code: -32600, message: "ACP connection must be initialized before 'session/new'" });
    expect(alreadyInitialized().code).toBe(-32600);
    expect(turnAlreadyActive('s').message).toContain('a prompt turn is already active for this session');
  });
});
