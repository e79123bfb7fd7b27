import { describe, expect, test } from 'vitest';
import {
  HARD_MAX_OUTBOUND_BYTES, agentMessageChunk, encodeFrame, errorResponse, methodNotFound, notification, request,
  resultResponse, sessionUpdateFrame, splitUtf8, truncateUtf8, utf8ByteLength,
} from '../src/index.js';
import { enc } from './support/bytes.js';

describe('encodeFrame', () => {
  test('21.1: every frame is one line of UTF-8 JSON ending in exactly one \\n, no raw newline, no \\r, no BOM, with "jsonrpc":"2.0"', () => {
    const frames = [
      request(0, 'initialize', { protocolVersion: 1 }),
      notification('session/cancel', { sessionId: 's' }),
      resultResponse(0, { stopReason: 'end_turn' }),
      errorResponse(null, methodNotFound('x')),
      sessionUpdateFrame('s', agentMessageChunk('line one\nline two\r\n\u2028 tab\t "quoted" é🎉', 'm')),
    ];
    for (const f of frames) {
      const r = encodeFrame(f);
      if (!r.ok) throw new Error('encode failed');
      expect(r.line.endsWith('\n')).toBe(true);
      expect(r.line.indexOf('\n')).toBe(r.line.length - 1);
      expect(r.line.includes('\r')).toBe(false);
      expect(r.line.charCodeAt(0)).not.toBe(0xfeff);
      expect(r.line.startsWith('{')).toBe(true);
      const parsed = JSON.parse(r.line) as Record<string, unknown>;
      expect(parsed['jsonrpc']).toBe('2.0');
      expect(parsed).toEqual(JSON.parse(JSON.stringify(f)));
    }
  });

  test('writes compact JSON', () => {
    const r = encodeFrame(notification('session/cancel', { sessionId: 's' }));
    expect(r).toEqual({ ok: true, line: '{"jsonrpc":"2.0","method":"session/cancel","params":{"sessionId":"s"}}\n' });
  });

  test('refuses a frame over the limit, counting UTF-8 bytes', () => {
    const frame = sessionUpdateFrame('s', agentMessageChunk('é'.repeat(100)));
    const json = JSON.stringify(frame);
    const bytes = enc.encode(json).length;
    expect(encodeFrame(frame, bytes).ok).toBe(true);
    expect(encodeFrame(frame, bytes - 1)).toEqual({ ok: false, reason: 'message_too_large', bytes, limit: bytes - 1 });
  });

  test('never writes above 32 MiB whatever the local setting', () => {
    const frame = sessionUpdateFrame('s', agentMessageChunk('a'.repeat(HARD_MAX_OUTBOUND_BYTES)));
    const r = encodeFrame(frame, 1024 * 1024 * 1024);
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'message_too_large') expect(r.limit).toBe(HARD_MAX_OUTBOUND_BYTES);
  });

  test('does not throw on unserialisable values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(encodeFrame(notification('_x/y', cyclic)).ok).toBe(false);
    expect(encodeFrame(notification('_x/y', { n: 10n })).ok).toBe(false);
  });
});

describe('utf8 helpers', () => {
  test('utf8ByteLength matches TextEncoder, including lone surrogates', () => {
    for (const s of ['', 'abc', 'é', '€', '🎉', 'a\uD800b', '\uDC00', 'x🎉y€z']) {
      expect(utf8ByteLength(s)).toBe(enc.encode(s).length);
    }
  });

  test('truncateUtf8 never cuts a character', () => {
    expect(truncateUtf8('a🎉b', 4)).toBe('a');
    expect(truncateUtf8('a🎉b', 5)).toBe('a🎉');
    expect(truncateUtf8('abc', 10)).toBe('abc');
  });

  test('splitUtf8 pieces fit and concatenate back', () => {
    const s = 'ab🎉cdé€'.repeat(50);
    for (const max of [4, 5, 7, 64]) {
      const pieces = splitUtf8(s, max);
      expect(pieces.join('')).toBe(s);
      for (const p of pieces) expect(enc.encode(p).length).toBeLessThanOrEqual(max);
    }
  });
});
