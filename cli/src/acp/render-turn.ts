import type { DriveEvent } from '@troupe/plugin-stdio';
import type { ProgressLine } from '../progress-line.js';
import { TerminalText, safeLine } from './terminal-text.js';

/** Exit status of a turn that ended with `stopReason` (a failed turn exits 1). */
export function exitStatusOf(stopReason: string): number {
  switch (stopReason) {
    case 'end_turn': return 0;
    case 'refusal': return 2;
    case 'max_tokens':
    case 'max_turn_requests': return 3;
    case 'cancelled': return 130;
    default: return 0;
  }
}

/**
 * Draws a driven turn's events on a terminal. Everything the agent sent is made safe first when the
 * destination is a TTY (escape sequences and control characters removed, {@link TerminalText}).
 * Answer text streams as it comes; thoughts (such as the demo pipeline's stage notes) show as a dim
 * note on the current row that never splits the text; tool calls, plans and the stop reason get
 * lines of their own.
 */
export class TurnRenderer {
  private readonly text: TerminalText | undefined;

  constructor(private readonly line: ProgressLine, tty: boolean) {
    this.text = tty ? new TerminalText() : undefined;
  }

  /** Draws one event. */
  render(e: DriveEvent): void {
    const line = this.line;
    if (e.type === 'stop') {
      line.clear();
      line.write(`\n[${safeLine(e.stopReason)}${e.forced ? ', forced' : ''}]\n`);
      return;
    }
    const p = e.part;
    const one = (s: string): string => (this.text ? safeLine(s) : s);
    switch (p.type) {
      case 'text': line.write(this.text ? this.text.feed(p.text) : p.text); break;
      case 'thought': if (one(p.text).trim()) line.update(one(p.text).trim()); break;
      case 'tool_call': line.write(`\n[tool ${one(p.toolCallId)}${p.title ? ` ${one(p.title)}` : ''}${p.status ? ` (${one(p.status)})` : ''}]\n`); break;
      case 'plan': line.write(`\n[plan]\n${p.entries.map((x) => `  ${x.status === 'completed' ? 'x' : ' '} ${one(x.content)}`).join('\n')}\n`); break;
      default: break;
    }
  }
}
