import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  buildLegacySendFrame,
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
  decodeTaskCancelBody,
  decodeTaskContinueBody,
  decodeTaskListQuery,
  decodeTaskUpdateBody,
  decodeWebhookBody,
  isErrorEnvelope,
  parseJsonBody,
  validatePart,
  type HttpError,
  type JsonObject,
  type JsonValue,
  type Result,
} from '../src/index.js';

/** Property tests of the HTTP body decoders: ≥ 10,000 generated and mutated bodies in total. */

const BODY_DECODERS: Record<string, (body: JsonObject) => Result<unknown, HttpError>> = {
  messageSend: (b) => decodeMessageSendBody(b),
  peerSend: decodePeerSendBody,
  reply: decodeReplyBody,
  peersConnect: decodePeersConnectBody,
  createTask: decodeCreateTaskBody,
  taskUpdate: decodeTaskUpdateBody,
  taskContinue: decodeTaskContinueBody,
  taskCancel: decodeTaskCancelBody,
  cardPatch: decodeCardPatchBody,
  skillsQuery: decodeSkillsQueryBody,
  webhook: decodeWebhookBody,
  legacySend: decodeLegacySendBody,
  extensionRegister: decodeExtensionRegisterBody,
  extensionUnregister: decodeExtensionUnregisterBody,
};

const KNOWN_KEYS = [
  'role', 'parts', 'text', 'content', 'message_id', 'peer_id', 'task_id', 'context_id', 'create_task', 'sync', 'timeout',
  'signature', 'timestamp', 'correlation_id', 'link', 'name', 'payload', 'delegate', 'status', 'artifact', 'error',
  'availability', 'skill_id', 'constraints', 'url', 'type', 'id', 'uri', 'required', 'params', 'sig', '_was_queued',
];

const part: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.record({ type: fc.constant('text'), content: fc.oneof(fc.string(), fc.integer()) }),
  fc.record({ type: fc.constant('file'), url: fc.oneof(fc.webUrl(), fc.constant('')) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('data'), content: fc.jsonValue() as fc.Arbitrary<JsonValue> }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()) }),
  fc.jsonValue() as fc.Arbitrary<JsonValue>,
);

const fieldValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
  fc.constantFrom('user', 'agent', 'system', 'working', 'completed', 'bogus', 'acp://127.0.0.1:7801/tok_0123456789abcdef', 'http://x', 'http://127.0.0.1:9/hook', 'acp.message', 'acp.reply', 'acp.agent_card', 'task.updated'),
  fc.array(part, { maxLength: 3 }),
  fc.record({ mode: fc.constantFrom('heartbeat', 'cron', 'x'), interval_seconds: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
);

const body: fc.Arbitrary<JsonObject> = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 6 })), fieldValue, { maxKeys: 8 });

function checkOutcome(r: Result<unknown, HttpError>): void {
  if (r.ok) return;
  expect(isErrorEnvelope(r.error.body)).toBe(true);
  expect(r.error.status).toBe(400);
  expect(r.error.body.error_code).toBe('ERR_INVALID_REQUEST');
  expect(r.error.body.error.length).toBeGreaterThan(5);
  expect(r.error.body.error).not.toMatch(/[\n\r]/);
}

test('random bodies: no decoder throws; every refusal is a 400 envelope with a one-line reason', () => {
  fc.assert(
    fc.property(body, (b) => {
      for (const decode of Object.values(BODY_DECODERS)) checkOutcome(decode(b));
      const legacy = decodeLegacySendBody(b);
      if (legacy.ok) {
        for (const key of ['sync', 'timeout', 'peer_id', 'sig', '_was_queued']) expect(legacy.value.frame).not.toHaveProperty(key);
        const built = buildLegacySendFrame(legacy.value, { id: 'm1', ts: '2026-11-21T16:24:35.000000Z', from: 'A', sessionId: null });
        checkOutcome(built);
        if (built.ok) expect(built.value.frame).toMatchObject({ id: 'm1', from: 'A' });
      }
      const send = decodeMessageSendBody(b);
      if (send.ok) {
        expect(['user', 'agent']).toContain(send.value.role);
        expect(send.value.parts.length).toBeGreaterThan(0);
        send.value.parts.forEach((p, i) => expect(validatePart(p, i).ok).toBe(true));
      }
    }),
    { numRuns: 4_000 },
  );
});

test('/send takes any JSON value: only objects pass, nothing throws', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
      const r = decodeLegacySendBody(v as JsonValue);
      checkOutcome(r);
      if (r.ok) expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(true);
    }),
    { numRuns: 1_000 },
  );
});

/** Types §3.4.1 gives the /message:send fields, and a value of the wrong type for each. */
const SEND_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  role: fc.oneof(fc.integer(), fc.constantFrom('bot', 'system', 'USER'), fc.boolean()),
  message_id: fc.oneof(fc.integer(), fc.boolean(), fc.constant(''), fc.constant([])),
  peer_id: fc.oneof(fc.integer(), fc.boolean(), fc.constant({})),
  task_id: fc.oneof(fc.integer(), fc.constant([1])),
  context_id: fc.oneof(fc.integer(), fc.constant(true)),
  create_task: fc.oneof(fc.integer(), fc.string(), fc.constant([])),
  sync: fc.oneof(fc.integer(), fc.string(), fc.constant({})),
  timeout: fc.oneof(fc.string(), fc.constant(0), fc.integer({ max: -1 }), fc.boolean()),
  parts: fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant([{ type: 'image' }]), fc.constant([{ type: 'text' }]), fc.constant([7])),
  text: fc.oneof(fc.integer({ min: 1 }), fc.constant(true), fc.constant(['x'])),
  timestamp: fc.oneof(fc.string(), fc.double({ min: 0.1, max: 0.9 })),
  signature: fc.oneof(fc.string(), fc.integer()),
};

const validSend = fc.record({
  role: fc.constantFrom('user', 'agent'),
  message_id: fc.string({ minLength: 1, maxLength: 10 }),
  parts: fc.array(fc.record({ type: fc.constant('text'), content: fc.string() }), { minLength: 1, maxLength: 3 }),
  context_id: fc.string({ maxLength: 5 }),
  sync: fc.boolean(),
  timeout: fc.integer({ min: 1, max: 600 }),
});

test('a valid /message:send body with one field of the wrong type is refused, naming that field', () => {
  const mutated = validSend.chain((ok) =>
    fc.constantFrom(...Object.keys(SEND_FIELDS)).chain((key) => (SEND_FIELDS[key] as fc.Arbitrary<JsonValue>).map((bad) => ({ key, b: { ...ok, [key]: bad } as JsonObject }))),
  );
  fc.assert(
    fc.property(validSend, (b) => {
      const r = decodeMessageSendBody(b);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.messageId).toBe(b.message_id);
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(mutated, ({ key, b }) => {
      const r = decodeMessageSendBody(b);
      expect(r.ok, `${key} = ${JSON.stringify(b[key])}`).toBe(false);
      if (r.ok) return;
      checkOutcome(r);
      expect(r.error.body.error).toContain(key === 'parts' ? 'parts' : key);
      // The client's id travels with every refusal once it is a usable id.
      if (key !== 'message_id') expect(r.error.body.failed_message_id).toBe(b['message_id']);
    }),
    { numRuns: 3_000 },
  );
});

test('raw request bodies: parseJsonBody never throws and explains every refusal', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 16 }), fc.string({ unit: 'binary' })), (raw) => {
      const r = parseJsonBody(raw);
      if (!r.ok) {
        checkOutcome(r);
        expect(r.error.body.error).toMatch(/^(Invalid JSON in request body: |request body must be a JSON object)/);
      }
    }),
    { numRuns: 1_500 },
  );
});

test('random query strings: list decoders never throw and refuse with 400 envelopes', () => {
  const query = fc
    .dictionary(
      fc.constantFrom('limit', 'offset', 'sort', 'status', 'state', 'cursor', 'peer_id', 'role', 'received_after', 'since_seq', 'created_after', 'timeout'),
      fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String), fc.double().map(String), fc.constantFrom('asc', 'desc', 'created_asc', 'working', 'cancelling', '-1', '0', '1e3', '0.5', '999999')),
      { maxKeys: 5 },
    )
    .map((d) => new URLSearchParams(d));
  fc.assert(
    fc.property(query, (q) => {
      for (const decode of [decodeMessagesQuery, decodeContextMessagesQuery, decodeTaskListQuery, decodeReplyWaitQuery]) checkOutcome(decode(q) as Result<unknown, HttpError>);
      const wait = decodeReplyWaitQuery(q);
      if (wait.ok) expect(wait.value.timeoutSeconds).toBeGreaterThanOrEqual(0);
      if (wait.ok) expect(wait.value.timeoutSeconds).toBeLessThanOrEqual(300);
      const tasks = decodeTaskListQuery(q);
      if (tasks.ok) {
        expect(tasks.value.page.limit).toBeGreaterThanOrEqual(1);
        expect(tasks.value.page.limit).toBeLessThanOrEqual(tasks.value.page.mode === 'offset' ? 100 : 200);
      }
    }),
    { numRuns: 1_500 },
  );
});
