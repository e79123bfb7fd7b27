import { describe, expect, test } from 'vitest';
import { decodeSessionUpdate, isToolKind, isToolCallStatus, UNSTABLE_UPDATE_KINDS } from '../src/index.js';
import { updateExamples } from './support/examples.js';

describe('decodeSessionUpdate (drive receive path)', () => {
  test('every stable variant decodes as known, by reference', () => {
    for (const update of updateExamples) {
      const params = { sessionId: 's-1', update };
      const r = decodeSessionUpdate(params);
      expect(r.kind, update.sessionUpdate).toBe('known');
      if (r.kind === 'known') {
        expect(r.update).toBe(update);
        expect(r.params).toBe(params);
        expect(r.sessionId).toBe('s-1');
      }
    }
  });

  test('21.40: an unknown sessionUpdate value is delivered as {kind:"unknown", raw} and raw deep-equals the received update', () => {
    const update = { sessionUpdate: 'hologram_update', beam: { power: 9 }, _meta: { v: 2 } };
    const r = decodeSessionUpdate({ sessionId: 's', update });
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') {
      expect(r.raw).toEqual({ sessionUpdate: 'hologram_update', beam: { power: 9 }, _meta: { v: 2 } });
      expect(r.raw).toBe(update);
      expect(r.sessionUpdate).toBe('hologram_update');
      expect(r.unstable).toBe(false);
    }
  });

  test('unstable variants (§16) are delivered as unknown, flagged unstable', () => {
    for (const kind of UNSTABLE_UPDATE_KINDS) {
      const r = decodeSessionUpdate({ sessionId: 's', update: { sessionUpdate: kind } });
      expect(r.kind === 'unknown' && r.unstable).toBe(true);
    }
  });

  test('a known variant with an invalid payload is delivered as invalid with the raw update and the failing path', () => {
    const update = { sessionUpdate: 'agent_message_chunk', delta: 'hi' };
    const r = decodeSessionUpdate({ sessionId: 's', update });
    expect(r).toEqual({ kind: 'invalid', sessionId: 's', raw: update, issue: { path: '/update/content', reason: 'is required' } });
  });

  test('params without a routable shape are invalid, never thrown', () => {
    expect(decodeSessionUpdate(null)).toMatchObject({ kind: 'invalid', issue: { path: '' } });
    expect(decodeSessionUpdate({ update: {} })).toMatchObject({ kind: 'invalid', issue: { path: '/sessionId' } });
    expect(decodeSessionUpdate({ sessionId: 's' })).toMatchObject({ kind: 'invalid', sessionId: 's', issue: { path: '/update' } });
    expect(decodeSessionUpdate({ sessionId: 's', update: { x: 1 } })).toMatchObject({ kind: 'invalid', issue: { path: '/update/sessionUpdate' } });
    expect(decodeSessionUpdate({ sessionId: 's', update: { sessionUpdate: 'current_mode_update', currentModeId: 'a' }, _meta: 'x' }))
      .toMatchObject({ kind: 'invalid', issue: { path: '/_meta' } });
  });

  test('21.41: unknown fields and _meta at every level (notification, update, content block) are present and deep-equal', () => {
    const params = {
      sessionId: 's', _meta: { traceparent: 'tp' }, rootExtra: 1,
      update: {
        sessionUpdate: 'agent_message_chunk', messageId: 'm', _meta: { u: true }, updateExtra: 'x',
        content: { type: 'text', text: 'hi', _meta: { c: [1] }, blockExtra: { deep: null } },
      },
    };
    const copy = structuredClone(params);
    const r = decodeSessionUpdate(params);
    expect(r.kind).toBe('known');
    if (r.kind === 'known') {
      expect(r.params).toEqual(copy);
      expect(r.update).toEqual(copy.update);
    }
  });

  test('lenient values from third-party agents (§19) pass and are flagged by guards', () => {
    const update = { sessionUpdate: 'tool_call', toolCallId: 't', title: 'Browse', kind: 'browser', status: 'cancelled' };
    const r = decodeSessionUpdate({ sessionId: 's', update });
    expect(r.kind).toBe('known');
    expect(isToolKind(update.kind)).toBe(false);
    expect(isToolCallStatus(update.status)).toBe(false);
    expect(isToolKind('edit')).toBe(true);
  });
});
