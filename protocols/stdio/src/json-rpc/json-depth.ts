/**
 * Deepest nesting of arrays and objects a received line may have. `JSON.parse` builds far deeper
 * values, but echoing, validating or re-encoding them walks them recursively and runs out of
 * stack a few thousand levels down; no ACP message comes anywhere near this.
 */
export const MAX_LINE_DEPTH = 512;

/**
 * True when a JSON text nests deeper than `maxDepth`, found in one pass before anything is built
 * (brackets inside strings do not count). The text is not validated here: the parser does that.
 *
 * @example
 * nestedDeeperThan('[[1]]', 1);    // true
 * nestedDeeperThan('["[[["]', 1); // false
 */
export function nestedDeeperThan(text: string, maxDepth: number): boolean {
  if (text.length <= maxDepth) return false; // each level costs a character
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c) i++; // a backslash escapes the next unit
      else if (c === 0x22) quoted = false;
    } else if (c === 0x22) {
      quoted = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
