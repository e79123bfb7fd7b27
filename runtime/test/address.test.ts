import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress, TroupeError } from '@troupe/runtime';

describe('addresses', () => {
  it('parses and formats troupe:// addresses', () => {
    const a = parseAddress('troupe://node-1/agents/summarizer/sessions/s-12');
    expect(a).toEqual({ node: 'node-1', path: 'agents/summarizer/sessions/s-12' });
    expect(formatAddress(a)).toBe('troupe://node-1/agents/summarizer/sessions/s-12');
    expect(formatAddress(parseAddress('troupe://n'))).toBe('troupe://n');
  });

  it.each([
    ['http://x/y', /must start with troupe:\/\//],
    ['troupe:///agents', /invalid node name/],
    ['troupe://n/agents//x', /invalid path segment ""/],
    ['troupe://n/a b', /invalid path segment "a b"/],
  ])('rejects %s with INVALID_ADDRESS', (input, why) => {
    let caught: unknown;
    try {
      parseAddress(input);
    } catch (e) {
      caught = e;
    }
    expect(TroupeError.is(caught, 'INVALID_ADDRESS')).toBe(true);
    expect((caught as Error).message).toMatch(why);
  });
});
