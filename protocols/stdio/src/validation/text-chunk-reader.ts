/**
 * Fast receive path for the dominant frame of a streaming turn (spec §9): an
 * `agent_message_chunk` text notification written in the canonical key order,
 * as Troupe, the SDK and most agents write it:
 *
 *   {"jsonrpc":"2.0","method":"session/update","params":{"sessionId":<s>,
 *    "update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":<t>}[,"messageId":<m>]}}}
 *
 * Such a line is recognised by comparing its start and end with the last
 * matching line's (the session and message ids repeat for a whole turn), so
 * only the text literal is parsed. Anything else (other key orders, spaces,
 * `_meta`, annotations, other variants) is left to the full path, which
 * decodes it to the same value: a property test pins the equivalence.
 */
import type { SessionNotification, SessionUpdate } from '../types/session-update.js';
import type { KnownUpdate } from './decode-session-update.js';

const HEAD = '{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":';
const MID = ',"update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":';
const TAIL = '}}}}';
const ID_TAIL = '},"messageId":';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Decodes canonical text-chunk lines without parsing the whole frame. Keep one
 * per connection: it remembers the current session and message ids.
 *
 * @example
 * const reader = new TextChunkReader();
 * const u = reader.read(line); // a KnownUpdate, or undefined: use decodeLine + decodeSessionUpdate
 */
export class TextChunkReader {
  // The last matching line's text up to its text literal, and from its end.
  private prefix = '';
  private suffix = '';
  private sessionId = '';
  private messageId: string | undefined;

  /**
   * The update `decodeSessionUpdate(JSON.parse(line).params)` gives, for a line of the canonical
   * shape; undefined for any other line (never throws).
   */
  read(line: string): KnownUpdate | undefined {
    const prefix = this.prefix;
    const suffix = this.suffix;
    // slice + === compares flat memory; `startsWith` is several times slower on sliced strings.
    if (prefix.length === 0 || line.length <= prefix.length + suffix.length + 1
      || line.slice(0, prefix.length) !== prefix || line.slice(line.length - suffix.length) !== suffix) {
      return this.learn(line);
    }
    const text = stringLiteral(line, prefix.length, line.length - suffix.length);
    return text === undefined ? undefined : known(this.sessionId, text, this.messageId);
  }

  /** Matches the canonical shape field by field and remembers its ids for the next lines. */
  private learn(line: string): KnownUpdate | undefined {
    if (line.slice(0, HEAD.length) !== HEAD) return undefined;
    const sidEnd = literalEnd(line, HEAD.length);
    if (sidEnd < 0) return undefined;
    const sessionId = stringLiteral(line, HEAD.length, sidEnd);
    if (sessionId === undefined || line.slice(sidEnd, sidEnd + MID.length) !== MID) return undefined;
    const textStart = sidEnd + MID.length;
    const textEnd = literalEnd(line, textStart);
    if (textEnd < 0) return undefined;
    const text = stringLiteral(line, textStart, textEnd);
    if (text === undefined) return undefined;
    let messageId: string | undefined;
    if (line.length - textEnd !== TAIL.length || line.slice(textEnd) !== TAIL) {
      if (line.slice(textEnd, textEnd + ID_TAIL.length) !== ID_TAIL) return undefined;
      const idStart = textEnd + ID_TAIL.length;
      const idEnd = literalEnd(line, idStart);
      if (idEnd < 0 || line.length - idEnd !== 3 || line.slice(idEnd) !== '}}}') return undefined;
      messageId = stringLiteral(line, idStart, idEnd);
      if (messageId === undefined) return undefined;
    }
    this.prefix = line.slice(0, textStart);
    this.suffix = line.slice(textEnd);
    this.sessionId = sessionId;
    this.messageId = messageId;
    return known(sessionId, text, messageId);
  }
}

/**
 * The same objects, in the same key order, as JSON.parse of the canonical frame followed by
 * `decodeSessionUpdate` (which accepts a plain text chunk without `_meta` as known).
 */
function known(sessionId: string, text: string, messageId: string | undefined): KnownUpdate {
  const update = (messageId === undefined
    ? { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } }
    : { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text }, messageId }) as SessionUpdate;
  const params: SessionNotification = { sessionId, update };
  return { kind: 'known', sessionId, update, params };
}

/**
 * End (exclusive) of the JSON string literal that opens at `start`, or -1. Only finds the closing
 * quote; `stringLiteral` validates the content.
 */
function literalEnd(line: string, start: number): number {
  if (line.charCodeAt(start) !== QUOTE) return -1;
  for (let i = start + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

/**
 * The value of `line[start, end)` when it is exactly one JSON string; otherwise undefined. Text
 * with nothing to unescape (the common token) is sliced; the rest goes to JSON.parse, which
 * rejects bad escapes, raw control characters and anything after the closing quote.
 */
function stringLiteral(line: string, start: number, end: number): string | undefined {
  if (line.charCodeAt(start) !== QUOTE || line.charCodeAt(end - 1) !== QUOTE || end - start < 2) return undefined;
  let plain = true;
  for (let i = start + 1; i < end - 1; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH || c < 0x20) {
      plain = false;
      break;
    }
  }
  if (plain) return line.slice(start + 1, end - 1);
  try {
    const v: unknown = JSON.parse(line.slice(start, end));
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
