import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, sessionUpdateFrame } from '@troupe/protocol-stdio';
import { TextChunkLines } from '../src/connection/text-chunk-line.js';

describe('TextChunkLines (serve hot path)', () => {
  it('is byte-identical to encoding the full frame object, for any text and ids', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('agent_message_chunk', 'agent_thought_chunk'), (sessionId, messageId, text, kind) => {
      const lines = new TextChunkLines(sessionId, kind as 'agent_message_chunk', messageId);
      const full = encodeFrame(sessionUpdateFrame(sessionId, { sessionUpdate: kind as 'agent_message_chunk', content: { type: 'text', text }, messageId }));
      expect(full.ok && full.line).toBe(`${lines.line(text)}\n`);
    }), { numRuns: 2000 });
  });
});
