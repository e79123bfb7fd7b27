/**
 * A one-line live progress indicator on a TTY (redrawn in place with `\r`); on a non-TTY it prints
 * nothing, so piped output stays clean.
 */
export class ProgressLine {
  private shown = false;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(note: string, ratio?: number): void {
    if (!this.out.isTTY) return;
    const width = 20;
    const bar = ratio === undefined ? '' : `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] `;
    const line = `${bar}${note}`.slice(0, Math.max(10, (this.out.columns ?? 80) - 1));
    this.out.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown && this.out.isTTY) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
