import { describe, expect, test } from 'vitest';
import {
  MAX_TEXT_CHUNK_BYTES, agentMessageChunk, defaultRequestTimeoutMs, imageBlock, initialPhase, initializationGate, isOutOfTurn, isTurnContent, nextPhase, splitTextChunk,
  updateDisposition, type SessionPhase,
} from '../src/index.js';

const TURN = ['user_message_chunk', 'agent_message_chunk', 'agent_thought_chunk', 'tool_call', 'tool_call_update', 'plan'];
const SESSION = ['available_commands_update', 'current_mode_update', 'config_option_update', 'session_info_update', 'usage_update', 'notice', 'compaction_update', 'compaction_summary_chunk'];

describe('ordering guard (§14)', () => {
  test('turn content vs session-level updates', () => {
    for (const k of TURN) expect(isTurnContent(k), k).toBe(true);
    for (const k of SESSION) expect(isTurnContent(k), k).toBe(false);
  });

  test('21.21 (wire part): updates emitted while session/new is pending are held until the response is written', () => {
    let phase: SessionPhase = initialPhase('session/new');
    expect(updateDisposition(phase, 'available_commands_update')).toBe('hold');
    phase = nextPhase(phase, 'setup-responded');
    expect(updateDisposition(phase, 'available_commands_update')).toBe('send');
  });

  test('21.25 (wire part): session/load may replay before its response; session/resume holds everything', () => {
    expect(updateDisposition(initialPhase('session/load'), 'user_message_chunk')).toBe('send');
    expect(updateDisposition(initialPhase('session/load'), 'tool_call')).toBe('send');
    expect(updateDisposition(initialPhase('session/resume'), 'user_message_chunk')).toBe('hold');
  });

  test('21.23 (wire part): turn content after the prompt response is refused; session-level updates still go', () => {
    let phase: SessionPhase = nextPhase(initialPhase('session/new'), 'setup-responded');
    phase = nextPhase(phase, 'prompt-accepted');
    expect(phase).toBe('in-turn');
    for (const k of TURN) expect(updateDisposition(phase, k)).toBe('send');
    phase = nextPhase(phase, 'prompt-responded');
    expect(phase).toBe('idle');
    for (const k of TURN) expect(updateDisposition(phase, k), k).toBe('refuse');
    for (const k of SESSION) expect(updateDisposition(phase, k), k).toBe('send');
  });

  test('events that do not apply leave the phase unchanged', () => {
    expect(nextPhase('opening', 'prompt-accepted')).toBe('opening');
    expect(nextPhase('idle', 'prompt-responded')).toBe('idle');
    expect(nextPhase('in-turn', 'setup-responded')).toBe('in-turn');
  });

  test('21.24 (wire part): drive flags turn content arriving with no active turn as out of turn', () => {
    expect(isOutOfTurn(false, 'agent_message_chunk')).toBe(true);
    expect(isOutOfTurn(true, 'agent_message_chunk')).toBe(false);
    expect(isOutOfTurn(false, 'usage_update')).toBe(false);
  });
});

describe('splitTextChunk (§3.2)', () => {
  test('text over 1 MiB is split into chunks with the same messageId that concatenate to the original', () => {
    const text = 'ab€🎉'.repeat(300_000);
    const pieces = splitTextChunk(agentMessageChunk(text, 'm-1'));
    expect(pieces.length).toBeGreaterThan(1);
    let joined = '';
    const enc = new TextEncoder();
    for (const p of pieces) {
      if (p.sessionUpdate !== 'agent_message_chunk' || p.content.type !== 'text') throw new Error('bad piece');
      expect(p.messageId).toBe('m-1');
      expect(enc.encode(p.content.text).length).toBeLessThanOrEqual(MAX_TEXT_CHUNK_BYTES);
      joined += p.content.text;
    }
    expect(joined).toBe(text);
  });

  test('small text, binary blocks and other variants are returned as is', () => {
    const small = agentMessageChunk('hi', 'm');
    expect(splitTextChunk(small)[0]).toBe(small);
    const image = agentMessageChunk(imageBlock('x'.repeat(2 * MAX_TEXT_CHUNK_BYTES), 'image/png'));
    expect(splitTextChunk(image)).toEqual([image]);
    const mode = { sessionUpdate: 'current_mode_update' as const, currentModeId: 'x' };
    expect(splitTextChunk(mode)).toEqual([mode]);
  });
});

describe('initialization gate (§4)', () => {
  test('21.10 (wire part): session/new before initialize is -32600; a second initialize is -32600', () => {
    const before = initializationGate(false, 'request', 'session/new');
    expect(before).toMatchObject({ action: 'reject', error: { code: -32600, message: "ACP connection must be initialized before 'session/new'" } });
    expect(initializationGate(false, 'request', 'initialize')).toEqual({ action: 'accept' });
    expect(initializationGate(true, 'request', 'initialize')).toMatchObject({ action: 'reject', error: { code: -32600 } });
    expect(initializationGate(true, 'request', 'session/new')).toEqual({ action: 'accept' });
  });

  test('notifications before initialize are ignored, never answered', () => {
    expect(initializationGate(false, 'notification', 'session/cancel')).toEqual({ action: 'ignore' });
    expect(initializationGate(true, 'notification', 'session/cancel')).toEqual({ action: 'accept' });
  });
});

describe('request timeouts (§13.2)', () => {
  test('defaults: initialize and session setup 60 s, prompt none, others 30 s', () => {
    expect(defaultRequestTimeoutMs('initialize')).toBe(60_000);
    for (const m of ['session/new', 'session/load', 'session/resume']) expect(defaultRequestTimeoutMs(m)).toBe(60_000);
    expect(defaultRequestTimeoutMs('session/prompt')).toBe(undefined);
    expect(defaultRequestTimeoutMs('session/request_permission')).toBe(30_000);
    expect(defaultRequestTimeoutMs('_troupe/x')).toBe(30_000);
  });
});
