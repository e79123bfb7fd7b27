import { describe, expect, test } from 'vitest';
import {
  ambiguousPeerError,
  buildLegacySendFrame,
  buildMessageFrame,
  decodeCardPatchBody,
  decodeContextMessagesQuery,
  decodeCreateTaskBody,
  decodeExtensionRegisterBody,
  decodeExtensionUnregisterBody,
  decodeLegacySendBody,
  decodeMessageSendBody,
  decodeMessagesQuery,
  decodePeerSendBody,
  decodePeersConnectBody,
  decodeReplyBody,
  decodeReplyWaitQuery,
  decodeSkillsQueryBody,
  decodeTaskContinueBody,
  decodeTaskListQuery,
  decodeTaskUpdateBody,
  decodeWebhookBody,
  ERROR_CODES,
  httpError,
  isErrorEnvelope,
  mergeAvailability,
  messageTooLargeError,
  parseJsonBody,
  peerNotFoundError,
  prepareOutboundFrame,
  replyTimeoutError,
  textPart,
  type ErrorCode,
  type HttpError,
  type Result,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const errors = loadFixture('http-errors.json');

function failure<T>(r: Result<T, HttpError>): HttpError {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

function value<T>(r: Result<T, HttpError>): T {
  if (!r.ok) throw new Error(r.error.body.error);
  return r.value;
}

test('R36: no role answers 400 ERR_INVALID_REQUEST with upstream’s text', () => {
  const e = failure(decodeMessageSendBody(errors.missing_role.request.body));
  expect(e).toEqual({ status: errors.missing_role.status, body: errors.missing_role.body });
});

test('R37: bad role, unknown part type, invalid JSON, no content', () => {
  for (const name of ['invalid_role', 'unknown_part_type', 'no_content']) {
    expect(failure(decodeMessageSendBody(errors[name].request.body)), name).toEqual({ status: 400, body: errors[name].body });
  }
  const bad = failure(parseJsonBody(errors.invalid_json.request.body_text));
  expect(bad.status).toBe(400);
  expect(bad.body.error_code).toBe('ERR_INVALID_REQUEST');
  expect(bad.body.error.startsWith('Invalid JSON in request body:')).toBe(true);
  expect(value(parseJsonBody(''))).toEqual({});
  expect(value(parseJsonBody(new TextEncoder().encode('{"a":1}')))).toEqual({ a: 1 });
  expect(failure(parseJsonBody(new Uint8Array([0xff]))).body.error).toMatch(/^Invalid JSON in request body:/);
  expect(failure(parseJsonBody('[1]')).body.error).toBe('request body must be a JSON object, got array');
});

describe('/message:send', () => {
  test('text shorthand, defaults and typed fields', () => {
    expect(value(decodeMessageSendBody({ role: 'agent', text: 'hello B (text shorthand)' }))).toEqual({
      role: 'agent', parts: [textPart('hello B (text shorthand)')], createTask: false, sync: false, timeoutSeconds: 30, signed: false,
    });
    const full = value(decodeMessageSendBody({ role: 'user', message_id: 'msg-sync-1', sync: true, timeout: 999, content: 'c', peer_id: 'peer_002', context_id: 'ctx', task_id: 't', create_task: true }));
    expect(full).toMatchObject({ messageId: 'msg-sync-1', sync: true, timeoutSeconds: 300, parts: [textPart('c')], peerId: 'peer_002', contextId: 'ctx', taskId: 't', createTask: true });
    expect(value(decodeMessageSendBody({ role: 'user', parts: [], text: 'x' })).parts).toEqual([textPart('x')]);
  });

  test('errors name the field and carry failed_message_id when one was given', () => {
    const e = failure(decodeMessageSendBody({ role: 'user', message_id: 'm1', sync: 'yes', text: 'x' }));
    expect(e.body).toEqual({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: "field 'sync' must be a boolean, got string", failed_message_id: 'm1' });
    expect(failure(decodeMessageSendBody({ role: 'user', parts: 'x' })).body.error).toBe("'parts' must be a list, got string");
    expect(failure(decodeMessageSendBody({ role: 'user', text: 5 })).body.error).toBe("field 'text' must be a string, got integer");
    expect(failure(decodeMessageSendBody({ role: 'user', text: 'x', timeout: 0 })).body.error).toMatch(/timeout/);
    expect(failure(decodeMessageSendBody({ role: 'user', parts: [{ type: 'file' }] })).body.error).toBe("parts[0]: file part requires 'url'");
    expect(failure(decodeMessageSendBody({ role: 'user', parts: [{ type: 'data' }] })).body.error).toBe("parts[0]: data part requires 'content'");
    expect(failure(decodeMessageSendBody({ role: 'user', parts: [{ type: 'text', content: 1 }] })).body.error).toBe("parts[0]: text part requires string 'content'");
    expect(value(decodeMessageSendBody({ role: 'user', parts: [{ type: 'data', content: null }] })).parts).toEqual([{ type: 'data', content: null }]);
  });

  test('R38: with two peers and no peer_id the route answers ERR_AMBIGUOUS_PEER before looking at parts', () => {
    const connected = ['peer_001', 'peer_002'];
    const checkPeer = (peerId: string | undefined): HttpError | undefined => (peerId === undefined ? ambiguousPeerError(connected) : undefined);
    const e = failure(decodeMessageSendBody({ role: 'user', parts: [{ type: 'image' }] }, { checkPeer }));
    expect(e.status).toBe(400);
    expect(e.body).toMatchObject({ error_code: 'ERR_AMBIGUOUS_PEER', connected_peers: connected });
    expect(e.body.error).toBe(errors.ambiguous_peer.body.error.replace('{{id}}', '{id}'));
    expect(value(decodeMessageSendBody({ role: 'user', text: 'to peer_002', peer_id: 'peer_002' }, { checkPeer })).peerId).toBe('peer_002');
    // The role check still comes first.
    expect(failure(decodeMessageSendBody({ text: 'x' }, { checkPeer })).body.error_code).toBe('ERR_INVALID_REQUEST');
  });

  test('R39: an unknown peer is 404 ERR_NOT_FOUND with upstream’s text', () => {
    const checkPeer = (peerId: string | undefined): HttpError | undefined => (peerId === 'peer_999' ? peerNotFoundError(peerId) : undefined);
    expect(failure(decodeMessageSendBody({ role: 'user', text: 'x', peer_id: 'peer_999' }, { checkPeer })).status).toBe(404);
    expect(peerNotFoundError('peer_999')).toEqual({ status: 404, body: errors.peer_not_found.body });
  });
});

test('R41: 503 ERR_NOT_CONNECTED names the message that was not kept (envelope)', () => {
  expect(httpError('ERR_NOT_CONNECTED', 'no connection and queueing is disabled', { failed_message_id: 'm-q' })).toEqual({
    status: 503,
    body: { ok: false, error_code: 'ERR_NOT_CONNECTED', error: 'no connection and queueing is disabled', failed_message_id: 'm-q' },
  });
});

test('R42: a frame that is too large only once signed answers 413 with failed_message_id', () => {
  const head = buildMessageFrame({ from: 'A', role: 'user', parts: [textPart('')], message_id: 'm-big', ts: '2026-11-21T16:25:43.370000Z' });
  const room = 1_048_576 - JSON.stringify(head).length;
  const frame = buildMessageFrame({ from: 'A', role: 'user', parts: [textPart('x'.repeat(room))], message_id: 'm-big', ts: head.ts ?? '' });
  expect(prepareOutboundFrame(frame, {}).tooLarge).toBe(false);
  expect(prepareOutboundFrame(frame, { secret: 's3cr3t' }).tooLarge).toBe(true);
  expect(messageTooLargeError('m-big')).toEqual({
    status: 413,
    body: { ok: false, error_code: 'ERR_MSG_TOO_LARGE', error: 'message too large (max 1048576 bytes)', failed_message_id: 'm-big' },
  });
  expect(replyTimeoutError('msg_4afbcc4df500')).toEqual({ status: 408, body: errors.sync_timeout.body });
});

test('R43: every code builds an envelope with ok:false, a string error_code and a string error', () => {
  const expected: Record<string, number> = {
    ERR_INVALID_REQUEST: 400, ERR_AMBIGUOUS_PEER: 400, ERR_REPLAY_DETECTED: 400, ERR_INVALID_SIGNATURE: 400, ERR_FORBIDDEN: 403,
    ERR_NOT_FOUND: 404, ERR_TIMEOUT: 408, ERR_INVALID_STATE: 409, ERR_TASK_NOT_CANCELABLE: 409, ERR_MSG_TOO_LARGE: 413,
    ERR_INTERNAL: 500, ERR_AGENT_FAILED: 502, ERR_NOT_CONNECTED: 503, ERR_PEER_CONNECTING: 503,
  };
  expect(Object.fromEntries(Object.entries(ERROR_CODES).map(([k, v]) => [k, v.status]))).toEqual(expected);
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    const e = httpError(code, 'text', { ok: true, error: 'ignored' } as never);
    expect(isErrorEnvelope(e.body)).toBe(true);
    expect(e.body.error).toBe('text');
  }
  expect(isErrorEnvelope({ error: 'not found' })).toBe(false); // upstream's bare body is not an envelope
});

test('R48: /peers/connect needs a valid acp:// link (body part)', () => {
  expect(failure(decodePeersConnectBody({})).body).toEqual({ ok: false, error_code: 'ERR_INVALID_REQUEST', error: 'link required' });
  expect(failure(decodePeersConnectBody({ link: 'http://x' })).body.error_code).toBe('ERR_INVALID_REQUEST');
  expect(failure(decodePeersConnectBody({ link: 'acp+wss://w/acp/tok_x' })).status).toBe(400);
  expect(value(decodePeersConnectBody({ link: 'acp://127.0.0.1:7841/tok_d04b73b59aba408e', name: 'A' }))).toEqual({
    link: { host: '127.0.0.1', port: 7841, token: 'tok_d04b73b59aba408e' }, linkText: 'acp://127.0.0.1:7841/tok_d04b73b59aba408e', name: 'A',
  });
});

test('R51: PATCH availability accepts known keys, refuses unknown ones and bad modes (body part)', () => {
  const fx = loadFixture('http-misc.json').patch_card_availability;
  const patch = value(decodeCardPatchBody(fx.request.body));
  expect(mergeAvailability(undefined, patch, fx.body.availability.last_active_at)).toEqual(fx.body.availability);
  expect(mergeAvailability({ last_active_at: 'kept' }, patch, 'now').last_active_at).toBe('kept');
  expect(failure(decodeCardPatchBody({})).body.error).toBe("request body must contain 'availability' key");
  expect(failure(decodeCardPatchBody({ availability: 3 })).body.error).toBe("'availability' must be an object, got integer");
  expect(failure(decodeCardPatchBody({ availability: { zz: 1, colour: 'red' } })).body.error).toBe("unknown availability fields: ['colour', 'zz']");
  expect(failure(decodeCardPatchBody({ availability: { mode: 'sometimes' } })).status).toBe(400);
  expect(failure(decodeCardPatchBody({ availability: { interval_seconds: '60' } })).body.error).toBe("availability field 'interval_seconds' must be a number, got string");
});

test('R56: POST /tasks keeps the whole body as payload (body part)', () => {
  const fx = loadFixture('http-tasks.json').create_local;
  const r = value(decodeCreateTaskBody(fx.request.body));
  expect(r.payload).toEqual(fx.body.task.payload);
  expect(r).toMatchObject({ role: 'user', taskId: 'task-local-1', delegate: false });
  const nested = value(decodeCreateTaskBody({ payload: { role: 'system', parts: [] }, delegate: true, peer_id: 'peer_001' }));
  expect(nested).toMatchObject({ role: 'system', payload: { role: 'system', parts: [] }, delegate: true, peerId: 'peer_001' });
  expect(failure(decodeCreateTaskBody(loadFixture('http-errors.json').tasks_missing_role.request.body)).body).toEqual(errors.tasks_missing_role.body);
  expect(failure(decodeCreateTaskBody({ role: 'robot' })).body.error).toBe("invalid role 'robot': must be agent, user, or system");
  expect(failure(decodeCreateTaskBody({ role: 'user', parts: [{ type: 'x' }] })).body.error).toMatch(/^parts\[0\]: unknown part type 'x'/);
});

test('R57: task list filters and both pagination modes (query part)', () => {
  const bogus = failure(decodeTaskListQuery(new URLSearchParams('status=bogus')));
  expect(bogus.body.error).toBe("Invalid status 'bogus'. Valid values: canceled, cancelling, completed, failed, input_required, submitted, working");
  expect(value(decodeTaskListQuery(new URLSearchParams('status=cancelling'))).status).toBe('cancelling');
  expect(value(decodeTaskListQuery(new URLSearchParams('offset=0&limit=2&sort=asc')))).toEqual({ sort: 'asc', page: { mode: 'offset', offset: 0, limit: 2 } });
  expect(value(decodeTaskListQuery(new URLSearchParams('')))).toEqual({ sort: 'desc', page: { mode: 'cursor', limit: 50 } });
  expect(value(decodeTaskListQuery(new URLSearchParams('limit=999&cursor=t1&state=working')))).toMatchObject({ status: 'working', page: { mode: 'cursor', cursor: 't1', limit: 200 } });
  expect(value(decodeTaskListQuery(new URLSearchParams('offset=0&limit=0'))).page).toEqual({ mode: 'offset', offset: 0, limit: 1 });
});

test('R62: an unknown status is 400; a missing one means working (body part)', () => {
  expect(failure(decodeTaskUpdateBody({ status: 'bogus' })).status).toBe(400);
  expect(value(decodeTaskUpdateBody({}))).toEqual({ status: 'working' });
  expect(value(decodeTaskUpdateBody({ status: 'failed', error: 'boom', artifact: { parts: [textPart('x')] } }))).toEqual({ status: 'failed', error: 'boom', artifact: { parts: [textPart('x')] } });
  expect(failure(decodeTaskUpdateBody({ artifact: { parts: [{}] } })).body.error).toMatch(/^artifact parts\[0\]/);
});

describe('other bodies', () => {
  test('/peer/{id}/send defaults role to user and validates it', () => {
    expect(value(decodePeerSendBody({ parts: [textPart('directed')], context_id: 'c' }))).toEqual({ role: 'user', parts: [textPart('directed')], contextId: 'c' });
    expect(failure(decodePeerSendBody({})).body.error).toBe("provide 'parts' or 'text'");
    expect(failure(decodePeerSendBody({ role: 'bot', text: 'x' })).body.error).toBe("invalid role 'bot': must be 'user' or 'agent'");
  });

  test('/reply needs correlation_id; parts and content are optional', () => {
    expect(value(decodeReplyBody({ correlation_id: 'msg-sync-1', parts: [textPart('pong')] }))).toEqual({ correlationId: 'msg-sync-1', parts: [textPart('pong')] });
    expect(value(decodeReplyBody({ correlation_id: 'c', content: 'legacy' }))).toEqual({ correlationId: 'c', content: 'legacy' });
    expect(failure(decodeReplyBody({ parts: [] })).body.error).toBe('missing required field: correlation_id');
    expect(failure(decodeReplyBody({ correlation_id: 7 })).body.error).toBe("field 'correlation_id' must be a string, got integer");
  });

  test('continue, skills query and webhooks', () => {
    expect(value(decodeTaskContinueBody({ text: 'more input' }))).toEqual({ parts: [textPart('more input')] });
    expect(failure(decodeTaskContinueBody({})).status).toBe(400);
    expect(value(decodeSkillsQueryBody({ skill_id: 'summarize', constraints: { file_size_bytes: 10 } }))).toEqual({ skillId: 'summarize', constraints: { fileSizeBytes: 10 } });
    expect(failure(decodeSkillsQueryBody({ constraints: { file_size_bytes: -1 } })).status).toBe(400);
    expect(failure(decodeSkillsQueryBody({ constraints: [] })).status).toBe(400);
    expect(value(decodeWebhookBody({ url: 'http://127.0.0.1:9/hook' }))).toEqual({ url: 'http://127.0.0.1:9/hook' });
    expect(failure(decodeWebhookBody({})).body.error).toBe('url required');
    expect(failure(decodeWebhookBody({ url: 'ftp://x' })).status).toBe(400);
  });

  test('message and context queries', () => {
    expect(value(decodeMessagesQuery(new URLSearchParams('limit=5&sort=asc')))).toEqual({ limit: 5, offset: 0, sort: 'asc' });
    expect(value(decodeMessagesQuery(new URLSearchParams('limit=0&received_after=1795278276.5'))).limit).toBe(20);
    expect(failure(decodeMessagesQuery(new URLSearchParams('limit=x'))).body.error).toBe('limit must be a non-negative integer');
    expect(failure(decodeMessagesQuery(new URLSearchParams('offset=-1'))).body.error).toBe('limit and offset must be non-negative integers');
    expect(value(decodeContextMessagesQuery(new URLSearchParams('limit=500')))).toEqual({ limit: 200, sinceSeq: 0, sort: 'asc' });
    expect(failure(decodeContextMessagesQuery(new URLSearchParams('limit=0'))).body.error).toBe('limit must be a positive integer');
    expect(failure(decodeContextMessagesQuery(new URLSearchParams('since_seq=-2'))).body.error).toBe('since_seq must be non-negative');
    expect(failure(decodeContextMessagesQuery(new URLSearchParams('sort=up'))).body.error).toBe('sort must be asc or desc');
  });
});


test('R44: /messages?limit=5&sort=asc and received_after decode to an oldest-first page and a time filter (query part)', () => {
  expect(value(decodeMessagesQuery(new URLSearchParams('limit=5&sort=asc')))).toEqual({ limit: 5, offset: 0, sort: 'asc' });
  expect(value(decodeMessagesQuery(new URLSearchParams('received_after=1795278276.6703236'))).receivedAfter).toBe(1795278276.6703236);
  expect(failure(decodeMessagesQuery(new URLSearchParams('received_after=soon'))).status).toBe(400);
});

test('R60: a second DELETE of a terminal task is 409 ERR_TASK_NOT_CANCELABLE (envelope)', () => {
  const e = httpError('ERR_TASK_NOT_CANCELABLE', 'task is already terminal (failed)');
  expect(e.status).toBe(409);
  expect(isErrorEnvelope(e.body)).toBe(true);
  expect(httpError('ERR_INVALID_STATE', 'task is not in interrupted state (is: working)').status).toBe(409);
});

describe('MAY routes of §3.8', () => {
  const stamp = { id: 'msg_000000000001', ts: '2026-11-21T16:24:35.000000Z', from: 'AgentA', sessionId: 'sess_1' };

  test('/send: the frame loses request-only members and gets id, ts, from, session_id and message_id', () => {
    const request = value(decodeLegacySendBody({ type: 'ping', ts: 'x', from: 'y', peer_id: 'peer_001', sync: true, timeout: 999, sig: 'ab', _mark: 1, data: [1] }));
    expect(request).toMatchObject({ peerId: 'peer_001', sync: true, timeoutSeconds: 300 });
    expect(request.frame).toEqual({ type: 'ping', ts: 'x', from: 'y', data: [1] });
    const built = value(buildLegacySendFrame(request, stamp));
    expect(built.kind).toBe('legacy');
    expect(built.frame).toEqual({
      type: 'ping', data: [1], id: stamp.id, ts: stamp.ts, from: 'AgentA', session_id: 'sess_1', message_id: stamp.id, correlation_id: stamp.id,
    });
    const own = value(decodeLegacySendBody({ message_id: 'm-own', correlation_id: 'c-own', sync: true }));
    expect(own.id).toBe('m-own');
    expect(value(buildLegacySendFrame(own, { ...stamp, id: 'm-own', sessionId: null })).frame).toEqual({ message_id: 'm-own', correlation_id: 'c-own', id: 'm-own', ts: stamp.ts, from: 'AgentA' });
  });

  test('/send: refusals', () => {
    expect(failure(decodeLegacySendBody([1])).body.error).toBe('request body must be a JSON object (the frame to send), got array');
    expect(failure(decodeLegacySendBody({ type: 3 })).body.error).toBe("field 'type' must be a string, got integer");
    expect(failure(decodeLegacySendBody({ type: 'error', code: 'invalid_token' })).body.error).toBe("frame type 'error' cannot be sent with /send");
    expect(failure(decodeLegacySendBody({ id: 'i1', timeout: -1 })).body).toMatchObject({ failed_message_id: 'i1', error: "field 'timeout' must be a positive number of seconds" });
    const badMessage = value(decodeLegacySendBody({ type: 'acp.message', parts: ['x'] }));
    expect(failure(buildLegacySendFrame(badMessage, stamp)).body).toMatchObject({ error: 'acp.message frame: parts[0] must be an object', failed_message_id: stamp.id });
  });

  test('/wait timeout: default 30, capped at 300, 0 allowed, anything else 400', () => {
    expect(value(decodeReplyWaitQuery(new URLSearchParams('')))).toEqual({ timeoutSeconds: 30 });
    expect(value(decodeReplyWaitQuery(new URLSearchParams('timeout=0')))).toEqual({ timeoutSeconds: 0 });
    expect(value(decodeReplyWaitQuery(new URLSearchParams('timeout=2.5')))).toEqual({ timeoutSeconds: 2.5 });
    expect(value(decodeReplyWaitQuery(new URLSearchParams('timeout=86400')))).toEqual({ timeoutSeconds: 300 });
    for (const bad of ['-1', 'x', '1e3', 'Infinity', '.5']) expect(failure(decodeReplyWaitQuery(new URLSearchParams({ timeout: bad }))).status).toBe(400);
  });

  test('extension bodies', () => {
    expect(value(decodeExtensionRegisterBody({ uri: 'https://example.org/x', required: true, params: { a: 1 }, other: 1 }))).toEqual({ uri: 'https://example.org/x', required: true, params: { a: 1 } });
    expect(value(decodeExtensionRegisterBody({ uri: 'http://example.org/x', params: null }))).toEqual({ uri: 'http://example.org/x', required: false });
    expect(failure(decodeExtensionRegisterBody({})).body.error).toBe('missing required field: uri');
    expect(failure(decodeExtensionRegisterBody({ uri: 'acp:ext:hmac-v1' })).body.error).toBe('uri must be an http:// or https:// URL');
    expect(failure(decodeExtensionRegisterBody({ uri: 'https://e.org/x', params: 'p' })).body.error).toBe("field 'params' must be an object, got string");
    expect(failure(decodeExtensionRegisterBody({ uri: 'https://e.org/x', params: { big: 'x'.repeat(5_000) } })).body.error).toMatch(/larger than 4096 bytes/);
    expect(value(decodeExtensionUnregisterBody({ uri: 'acp:ext:hmac-v1' }))).toEqual({ uri: 'acp:ext:hmac-v1' });
    expect(failure(decodeExtensionUnregisterBody({ uri: 5 })).body.error).toBe("field 'uri' must be a string, got integer");
  });
});
