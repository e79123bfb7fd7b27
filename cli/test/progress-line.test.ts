import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../src/progress-line.js';

/** A tiny terminal: auto-wrap with a pending-wrap state, \r, \n, erase-line; SGR codes ignored. */
class Screen {
  rows: string[][] = [[]];
  private row = 0;
  private col = 0;
  private pendingWrap = false;
  readonly isTTY = true;
  constructor(readonly columns: number) {}
  write(data: string): boolean {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i] as string;
      if (ch === '\x1b') {
        const end = data.slice(i).search(/[A-Za-z]/);
        const seq = data.slice(i, i + end + 1);
        if (seq === '\x1b[2K') this.rows[this.row] = [];
        i += end;
      } else if (ch === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.newRow();
        this.col = 0;
      } else {
        if (this.pendingWrap) this.newRow();
        this.pendingWrap = false;
        (this.rows[this.row] ??= [])[this.col] = ch;
        this.col += 1;
        if (this.col === this.columns) {
          this.col = 0;
          this.pendingWrap = true;
        }
      }
    }
    return true;
  }
  private newRow(): void {
    this.row += 1;
    this.rows[this.row] ??= [];
    this.pendingWrap = false;
  }
  text(): string[] {
    // A full row keeps its last cell even if it is a space (that space is text, not padding).
    return this.rows.map((r) => {
      const s = Array.from(r, (c) => c ?? ' ').join('');
      return r.length === this.columns ? s : s.trimEnd();
    });
  }
}

const words = 'Sea otters hold hands while they sleep so they do not drift apart and keep a favourite stone'.split(' ');

describe('ProgressLine', () => {
  it('streams wrapped text intact on a terminal, with the note only on the last row', () => {
    for (const cols of [20, 33, 47]) {
      const screen = new Screen(cols);
      const line = new ProgressLine(screen as unknown as NodeJS.WriteStream);
      words.forEach((w, i) => {
        if (i % 3 === 0) line.update(`word ${i}`, i / words.length);
        line.write(i === 0 ? w : ` ${w}`);
      });
      line.clear();
      line.write('\nEnd\n');
      const joined = screen.text().slice(0, -2).join('');
      expect(joined).toBe(words.join(' '));
      expect(screen.text().at(-2)).toBe('End');
    }
  });

  it('off a terminal writes the text alone', () => {
    let out = '';
    const pipe = { isTTY: false, write: (s: string) => { out += s; return true; } };
    const line = new ProgressLine(pipe as unknown as NodeJS.WriteStream);
    line.update('note', 0.5);
    line.write('hello ');
    line.write('world\n');
    expect(out).toBe('hello world\n');
  });
});
