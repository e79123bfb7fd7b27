import { describe, expect, it } from 'vitest';
import { assertPart, data, image, resourceLink, text, textOf, toMessage, toolCall, TroupeError } from '@troupe/runtime';

const invalid = (fn: () => unknown): TroupeError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TroupeError) return e;
    throw e;
  }
  throw new Error('expected a TroupeError');
};

describe('parts and messages', () => {
  it('builds parts with the helpers', () => {
    expect(text('a')).toEqual({ type: 'text', text: 'a' });
    expect(data({ x: 1 }, 'application/json')).toEqual({ type: 'data', data: { x: 1 }, mimeType: 'application/json' });
    expect(image('AAA', 'image/png')).toEqual({ type: 'image', data: 'AAA', mimeType: 'image/png' });
    expect(resourceLink('file:///a', 'a', { size: 3 })).toEqual({ type: 'resource_link', uri: 'file:///a', name: 'a', size: 3 });
    expect(toolCall('c1', { status: 'pending' })).toEqual({ type: 'tool_call', toolCallId: 'c1', status: 'pending' });
  });

  it('normalizes text, a part, parts and messages', () => {
    expect(toMessage('hi').parts).toEqual([text('hi')]);
    expect(toMessage(text('x')).parts).toEqual([text('x')]);
    expect(toMessage([text('a'), text('b')]).parts).toHaveLength(2);
    const m = { id: 'm1', role: 'agent' as const, parts: [text('z')] };
    expect(toMessage(m)).toBe(m);
    expect(textOf(toMessage([text('a'), data(1), text('b')]))).toBe('ab');
  });

  it('gives each message a distinct id', () => {
    expect(toMessage('a').id).not.toBe(toMessage('a').id);
  });

  it.each([
    [{ type: 'bogus' }, /unknown type "bogus"/],
    [{ type: 'text' }, /field 'text' must be a string/],
    [{ type: 'text', text: 1 }, /field 'text' must be a string/],
    [{ type: 'image', mimeType: 'image/png' }, /needs 'data' or 'uri'/],
    [{ type: 'file' }, /needs 'uri' or 'bytes'/],
    [{ type: 'resource_link', uri: 'x' }, /field 'name'/],
    [{ type: 'tool_call', toolCallId: 'c', content: [{ type: 'text' }] }, /content\[0\]: field 'text'/],
    [{ type: 'progress', note: 'n', ratio: 'half' }, /field 'ratio' must be a number/],
    [null, /must be an object/],
    [[text('a')], /must be an object/],
  ])('rejects malformed part %j with INVALID_PART naming the field', (bad, why) => {
    const err = invalid(() => assertPart(bad));
    expect(err.code).toBe('INVALID_PART');
    expect(err.message).toMatch(why);
  });

  it('rejects a malformed part inside a message at the API boundary', () => {
    expect(invalid(() => toMessage([text('ok'), { type: 'text' } as never])).message).toMatch(/parts\[1\]/);
    expect(invalid(() => toMessage(42 as never)).code).toBe('INVALID_MESSAGE');
  });
});
