import { describe, expect, it } from 'vitest';
import { fromWirePart, toTroupeMessage, toWirePart, toWireParts } from '@troupe/plugin-relay';

describe('wire part <-> Troupe part mapping', () => {
  it('maps the three wire part types and back without losing members', () => {
    const wire = [
      { type: 'text', content: 'hello A' },
      { type: 'data', content: { k: 1 } },
      { type: 'file', url: 'https://example.invalid/f.pdf', media_type: 'application/pdf', filename: 'f.pdf' },
      { type: 'text', content: 'with extra', lang: 'en' },
      { type: 'video', url: 'x' },
    ];
    const troupe = wire.map(fromWirePart);
    expect(troupe[0]).toEqual({ type: 'text', text: 'hello A' });
    expect(troupe[1]).toEqual({ type: 'data', data: { k: 1 } });
    expect(troupe[2]).toEqual({ type: 'file', uri: 'https://example.invalid/f.pdf', mimeType: 'application/pdf', name: 'f.pdf' });
    expect(troupe[3]?.metadata).toEqual({ relay: { lang: 'en' } });
    expect(troupe.map((p) => toWirePart(p))).toEqual(wire);
  });

  it('joins streamed text, drops progress and thoughts', () => {
    expect(toWireParts([
      { type: 'progress', note: 'working' },
      { type: 'text', text: 'a' },
      { type: 'thought', text: 'hmm' },
      { type: 'text', text: 'b' },
      { type: 'data', data: 1 },
      { type: 'text', text: 'c' },
    ])).toEqual([{ type: 'text', content: 'ab' }, { type: 'data', content: 1 }, { type: 'text', content: 'c' }]);
  });

  it('builds the Troupe message of an inbound frame, wire-only members in metadata', () => {
    const m = toTroupeMessage({ type: 'acp.message', message_id: 'm1', from: 'B', role: 'user', parts: [{ type: 'text', content: 'x' }], context_id: 'c', task_id: 't', server_seq: 3, correlation_id: 'm1' }, 'peer_001');
    expect(m).toEqual({ id: 'm1', role: 'user', from: 'B', conversationId: 'c', taskId: 't', parts: [{ type: 'text', text: 'x' }], metadata: { relay: { peer_id: 'peer_001', server_seq: 3, correlation_id: 'm1' } } });
  });
});
