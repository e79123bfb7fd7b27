import { describe, expect, test } from 'vitest';
import { agentMessageChunk, encodeFrame, encodeJson, notification, sessionUpdateFrame } from '../src/index.js';

describe('encodeJson', () => {
  test('is the line encodeFrame writes without its terminator, with the same refusals', () => {
    const frames = [notification('session/cancel', { sessionId: 's' }), sessionUpdateFrame('s', agentMessageChunk('a\nb é🎉', 'm'))];
    for (const f of frames) {
      const line = encodeFrame(f);
      const json = encodeJson(f);
      if (!line.ok || !json.ok) throw new Error('encode failed');
      expect(`${json.json}\n`).toBe(line.line);
      expect(json.json.includes('\n')).toBe(false);
    }
    const big = sessionUpdateFrame('s', agentMessageChunk('x'.repeat(2000), 'm'));
    expect(encodeJson(big, 1000)).toEqual(encodeFrame(big, 1000));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const bad = notification('session/cancel', cyclic as { sessionId: string });
    expect(encodeJson(bad)).toEqual(encodeFrame(bad));
    expect(encodeJson(bad).ok).toBe(false);
  });
});
