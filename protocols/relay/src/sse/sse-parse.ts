/**
 * A small SSE parser (the WHATWG event-stream rules, minus retry/reconnection), for clients and
 * tests that read `/stream` output.
 */

/** One parsed event: its name (`message` when the block had no `event:` line) and data. */
export interface ParsedSseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** Events and comments of a parsed stream, each in order. */
export interface ParsedSseStream {
  readonly events: ParsedSseEvent[];
  readonly comments: string[];
}

/**
 * Parses complete SSE text. A trailing block without its blank line is not dispatched, as a
 * client would not dispatch it either.
 *
 * @example
 * parseSseStream(': keepalive\n\ndata: {"a":1}\n\n');
 * // { events: [{ event: 'message', data: '{"a":1}' }], comments: ['keepalive'] }
 */
export function parseSseStream(text: string): ParsedSseStream {
  const events: ParsedSseEvent[] = [];
  const comments: string[] = [];
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  // The last element follows the final line break, so it is an unterminated line: skip it.
  lines.pop();
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) events.push(id === undefined ? { event: event || 'message', data: data.join('\n') } : { event: event || 'message', data: data.join('\n'), id });
      data = [];
      event = '';
      continue;
    }
    if (line.startsWith(':')) {
      comments.push(line.slice(1).replace(/^ /, ''));
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
  }
  return { events, comments };
}
