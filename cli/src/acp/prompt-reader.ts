/** Reads one line of input; undefined at end of input. */
export type NextLine = () => Promise<string | undefined>;

/** The line that opens and closes a block prompt in interactive mode. */
const BLOCK_FENCE = '"""';

/**
 * Reads one prompt in interactive mode, where a prompt may span lines:
 * - a line ending in a backslash continues on the next line (the backslash is removed);
 * - a line that is exactly `"""` opens a block that ends at the next line that is exactly `"""`
 *   (for pasting text with blank lines).
 * Returns undefined at end of input (an unfinished prompt is still returned if it has text).
 *
 * @example
 * const prompt = await readPrompt(nextLine, () => out.write('. '));
 */
export async function readPrompt(next: NextLine, continuation: () => void = () => undefined): Promise<string | undefined> {
  const first = await next();
  if (first === undefined) return undefined;
  const lines: string[] = [];
  if (first.trim() === BLOCK_FENCE) {
    for (;;) {
      continuation();
      const line = await next();
      if (line === undefined || line.trim() === BLOCK_FENCE) break;
      lines.push(line);
    }
    return lines.join('\n');
  }
  let line: string | undefined = first;
  while (line !== undefined && line.endsWith('\\')) {
    lines.push(line.slice(0, -1));
    continuation();
    line = await next();
  }
  if (line !== undefined) lines.push(line);
  return lines.join('\n');
}
