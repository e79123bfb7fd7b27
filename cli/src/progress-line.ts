/**
 * Streams text to a terminal with a live progress note as a dim suffix on the current row, redrawn
 * in place: `Sea otters hold hands  · editor: word 9 of 40`. Only the current row is ever redrawn,
 * so streamed text above it is never touched. Off a TTY it writes the text alone (clean pipes).
 */
export class ProgressLine {
  /** Text written since the last newline (what the current row shows, modulo wrapping). */
  private partial = '';
  private note = '';
  private suffixShown = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  /** Appends streamed text. */
  write(text: string): void {
    if (!this.out.isTTY) {
      this.out.write(text);
      return;
    }
    // Take the note off first (cursor back to just after the text), then let the terminal wrap
    // the new text itself; only the final row is redrawn with the note.
    if (this.suffixShown) this.out.write(`\r\x1b[2K${this.row()}`);
    this.suffixShown = false;
    this.out.write(text);
    const nl = text.lastIndexOf('\n');
    this.partial = nl >= 0 ? text.slice(nl + 1) : this.partial + text;
    this.render();
  }

  /** Shows a progress note (ratio 0..1 adds a small bar). */
  update(note: string, ratio?: number): void {
    const bar = ratio === undefined ? '' : `[${'#'.repeat(Math.round(ratio * 10)).padEnd(10, '.')}] `;
    this.note = `${bar}${note}`;
    this.render();
  }

  /** Removes the note, keeping the text. */
  clear(): void {
    this.note = '';
    this.render();
  }

  /** The part of the partial line on the terminal's current row (earlier rows wrapped away). */
  private row(): string {
    const cols = this.out.columns || 80;
    return this.partial.slice(Math.floor(this.partial.length / cols) * cols);
  }

  private render(): void {
    if (!this.out.isTTY) return;
    const cols = this.out.columns || 80;
    // At an exact multiple of the width the cursor waits to wrap at the end of a full row; a
    // carriage return there would erase that row, so no note is drawn until more text comes.
    if (this.partial.length > 0 && this.partial.length % cols === 0) return;
    const row = this.row();
    const room = cols - row.length - 4;
    if (!this.note || room <= 10) {
      if (this.suffixShown) this.out.write(`\r\x1b[2K${row}`);
      this.suffixShown = false;
      return;
    }
    this.out.write(`\r\x1b[2K${row}\x1b[2m  · ${this.note.slice(0, room)}\x1b[22m`);
    this.suffixShown = true;
  }
}
