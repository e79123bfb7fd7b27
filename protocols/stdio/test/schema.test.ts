import { describe, expect, test } from 'vitest';
import {
  METHOD_CATALOGUE, encodeFrame, notification, request, resultResponse, errorResponse, invalidParams, sessionNotFound,
  isKnownMethod, type KnownMethod, type RequestMethod,
} from '../src/index.js';
import { paramsExamples, resultExamples, updateExamples } from './support/examples.js';
import { acpSchema, defsByMethod, schemaErrors } from './support/schema.js';

const defs = defsByMethod();

/** Encodes a frame with our encoder and reads it back, so the schema sees the exact wire bytes. */
function onWire(frame: Parameters<typeof encodeFrame>[0]): Record<string, unknown> {
  const r = encodeFrame(frame);
  if (!r.ok) throw new Error('encode failed');
  return JSON.parse(r.line) as Record<string, unknown>;
}

describe('21.3: frames built by our builders validate against the SDK schema ($defs per method)', () => {
  for (const method of Object.keys(METHOD_CATALOGUE) as KnownMethod[]) {
    const def = defs.get(method);
    test(`${method} params → $defs/${def?.params}`, () => {
      if (def?.params === undefined) throw new Error('schema has no params def');
      const examples = paramsExamples[method] as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      for (const params of examples) {
        const frame = METHOD_CATALOGUE[method].kind === 'request'
          ? request(1, method as RequestMethod, params as never)
          : notification(method as 'session/update', params as never);
        expect(schemaErrors(def.params, onWire(frame)['params'])).toBe(undefined);
      }
    });
    if (METHOD_CATALOGUE[method].kind === 'request') {
      test(`${method} result → $defs/${def?.result}`, () => {
        if (def?.result === undefined) throw new Error('schema has no result def');
        for (const result of resultExamples[method as RequestMethod] as unknown[]) {
          expect(schemaErrors(def.result, onWire(resultResponse(1, result))['result'])).toBe(undefined);
        }
      });
    }
  }

  test('every stable session/update variant of the schema has an example', () => {
    const union = acpSchema.$defs['SessionUpdate'] as { oneOf: { properties: { sessionUpdate: { const: string } } }[] };
    const schemaKinds = new Set(union.oneOf.map((v) => v.properties.sessionUpdate.const));
    expect(new Set(updateExamples.map((u) => u.sessionUpdate))).toEqual(schemaKinds);
  });

  test('error frames validate against $defs/Error', () => {
    for (const e of [invalidParams(['prompt', 0, 'type'], 'bad'), sessionNotFound('s')]) {
      expect(schemaErrors('Error', onWire(errorResponse(1, e))['error'])).toBe(undefined);
    }
  });

  test('the schema check can fail: broken frames are rejected', () => {
    expect(schemaErrors('PromptRequest', { sessionId: 's', prompt: [{ type: 'txt', text: 'x' }] })).not.toBe(undefined);
    expect(schemaErrors('SessionNotification', { sessionId: 's', update: { sessionUpdate: 'agent_message_chunk', delta: 'x' } })).not.toBe(undefined);
    expect(schemaErrors('PromptResponse', { stopReason: 'stop_sequence' })).not.toBe(undefined);
  });
});

describe('21.42: Troupe never writes a non-spec field at the root of a spec type', () => {
  /** Members a $defs entry declares, following allOf/$ref one level (enough for these shapes). */
  function declared(defName: string): Set<string> {
    const def = acpSchema.$defs[defName] as { properties?: Record<string, unknown>; allOf?: { $ref?: string }[] };
    const keys = new Set(Object.keys(def.properties ?? {}));
    for (const part of def.allOf ?? []) if (part.$ref) for (const k of declared(part.$ref.split('/').pop() ?? '')) keys.add(k);
    return keys;
  }

  test('params examples use only declared root members', () => {
    for (const [method, def] of defs) {
      if (!isKnownMethod(method) || def.params === undefined) continue;
      const allowed = declared(def.params);
      // Variant-bearing params (set_config_option, elicitation) declare members in anyOf branches.
      for (const k of ['type', 'value', 'mode', 'requestedSchema', 'elicitationId', 'url', 'sessionId', 'toolCallId', 'requestId']) allowed.add(k);
      for (const params of paramsExamples[method] as Record<string, unknown>[]) {
        for (const key of Object.keys(params)) expect(allowed.has(key), `${method}: ${key}`).toBe(true);
      }
    }
  });
});
