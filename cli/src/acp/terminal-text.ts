/* oxlint-disable no-control-regex -- matching control characters is what this file is for */
/**
 * The sequences a terminal acts on, each anchored at the start; group 1 is the terminator, missing
 * when the sequence is cut at the end of a chunk:
 * - CSI (`ESC [` or 8-bit 0x9B), parameters, final byte: cursor moves, erase, colours…
 * - OSC, DCS, SOS, PM, APC (`ESC ] P X ^ _` or 8-bit forms) up to BEL or ST: window title,
 *   clipboard writes (OSC 52), hyperlinks, queries…
 * - any other `ESC` sequence (charset switches, keypad modes, `ESC c` full reset…).
 */
const SEQUENCES = [
  /^(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*([\x40-\x7e])?/,
  /^(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(\x07|\x1b\\|\x9c)?/,
  /^\x1b[\x20-\x2f]*([\x30-\x7e])?/,
];

/** Starts of sequences and every other control character except newline and tab. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Longest unterminated sequence held back for the next chunk; anything longer is dropped. */
const MAX_PENDING = 4096;

/**
 * Makes an agent's streamed text safe to write to a terminal: every escape sequence (CSI, OSC, DCS,
 * 8-bit C1 forms) and every control character other than newline and tab is removed, so an agent
 * cannot retitle the window, write the clipboard, clear the screen, or overwrite what is shown
 * (a carriage return or backspaces drawing a fake `[permission]` line). `\r\n` becomes `\n`.
 * Stateful across chunks: a sequence cut between two chunks is removed whole, never half-printed.
 *
 * @example
 * const safe = new TerminalText();
 * out.write(safe.feed('\x1b]0;pwned\x07hello\r\n')); // 'hello\n'
 */
export class TerminalText {
  private pending = '';

  /** The printable part of `chunk` (plus what was held back from the previous chunk). */
  feed(chunk: string): string {
    let s = this.pending + chunk;
    this.pending = '';
    let out = '';
    for (;;) {
      const at = s.search(CONTROL);
      if (at < 0) return out + s;
      out += s.slice(0, at);
      s = s.slice(at);
      const ch = s.charCodeAt(0);
      if (ch === 0x0d && s.charCodeAt(1) === 0x0a) {
        out += '\n';
        s = s.slice(2);
        continue;
      }
      const m = matchSequence(s);
      if (m && m[1] === undefined && m[0].length === s.length) {
        // Cut at the end of this chunk: hold it back, the next chunk may finish it.
        if (s.length <= MAX_PENDING) this.pending = s;
        return out;
      }
      s = s.slice(m ? m[0].length : 1);
    }
  }
}

function matchSequence(s: string): RegExpExecArray | null {
  for (const re of SEQUENCES) {
    const m = re.exec(s);
    if (m) return m;
  }
  return null;
}

/**
 * The whole of a short agent-supplied string (a title, an error message, a name) made safe for a
 * terminal; newlines are kept only if `multiline`.
 *
 * @example
 * safeLine('build\x1b[2J'); // 'build'
 */
export function safeLine(text: string, multiline = false): string {
  const clean = new TerminalText().feed(text);
  return multiline ? clean : clean.replace(/[\n\t]/g, ' ');
}
