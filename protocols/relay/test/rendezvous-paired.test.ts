import { describe, expect, it } from 'vitest';
import { isRendezvousPaired } from '../src/index.js';

describe('isRendezvousPaired', () => {
  it('recognises the rendezvous.paired notice and nothing else (malformed JSON included)', () => {
    expect(isRendezvousPaired('{"type":"rendezvous.paired","rid":"ab12"}')).toBe(true);
    for (const text of ['{"type":"acp.message"}', 'null', '[]', '"rendezvous.paired"', '{"type":', '', '{"rid":"ab12"}']) {
      expect(isRendezvousPaired(text)).toBe(false);
    }
  });
});
