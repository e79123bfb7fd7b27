/**
 * Incremental NDJSON line splitter (spec §3.1, §3.2).
 *
 * Invariants that make it linear in the input size:
 * - each byte is scanned for `\n` exactly once (`indexOf` from the last position);
 * - a line spread over several chunks is kept as a list of chunk views and
 *   joined once, when its `\n` arrives: no growing buffer is re-concatenated;
 * - a line over the limit switches to discard mode, which keeps only the first
 *   `headBytes` (to recover the id) and counts the rest.
 *
 * Chunks are referenced, not copied, until their line completes: callers must
 * not mutate a chunk after pushing it (Node stream chunks never are).
 */

/**
 * Default inbound limit per line, the same as the SDK's (32 MiB).
 *
 * @example
 * new LineDecoder({ maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES });
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/**
 * How much of an over-long line is kept to classify it (§3.2: "the first 4 KiB").
 *
 * @example
 * new LineDecoder({ headBytes: OVERSIZE_HEAD_BYTES });
 */
export const OVERSIZE_HEAD_BYTES = 4 * 1024;

/**
 * A complete line, without its `\n`, trailing `\r` or a leading stream BOM.
 *
 * @example
 * const ev: LineEvent = { kind: 'line', text: '{"jsonrpc":"2.0","method":"x"}' };
 */
export interface LineEvent {
  kind: 'line';
  text: string;
}

/**
 * A line longer than the limit. It was dropped; `head` is its decoded start
 * (at most `headBytes`), for `classifyOversize`. `bytes` is its full length.
 *
 * @example
 * if (ev.kind === 'oversize') classifyOversize(ev.head, 'serve', limit);
 */
export interface OversizeEvent {
  kind: 'oversize';
  bytes: number;
  head: string;
}

/**
 * What `push` and `end` yield. Blank lines yield nothing.
 *
 * @example
 * for (const ev of decoder.push(chunk) as FrameEvent[]) handle(ev);
 */
export type FrameEvent = LineEvent | OversizeEvent;

/**
 * Options of {@link LineDecoder}.
 *
 * @example
 * const options: LineDecoderOptions = { maxMessageBytes: 8 * 1024 * 1024 };
 */
export interface LineDecoderOptions {
  /** Longest accepted line in bytes, excluding the terminator. Default 32 MiB. */
  maxMessageBytes?: number;
  /** Bytes kept from an over-long line. Default 4 KiB. */
  headBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines. Never throws on any input.
 *
 * @example
 * const decoder = new LineDecoder({ maxMessageBytes: 1024 });
 * for (const ev of decoder.push(chunk)) if (ev.kind === 'line') handle(ev.text);
 * for (const ev of decoder.end()) if (ev.kind === 'line') handle(ev.text); // last line without '\n'
 */
export class LineDecoder {
  readonly maxMessageBytes: number;
  readonly headBytes: number;
  // Pending views of the current, not yet terminated line.
  private pieces: Uint8Array[] = [];
  private pendingBytes = 0;
  // Discard mode: the current line is over the limit.
  private discarding = false;
  private discardedBytes = 0;
  private head = '';
  private atStreamStart = true;
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(options: LineDecoderOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.headBytes = options.headBytes ?? OVERSIZE_HEAD_BYTES;
  }

  /** Feeds one chunk; returns the lines it completed, in order. */
  push(chunk: Uint8Array): FrameEvent[] {
    const out: FrameEvent[] = [];
    const len = chunk.length;
    const first = chunk.indexOf(LF);
    if (first === -1) {
      this.keep(chunk, 0, len);
      return out;
    }
    // The first line may continue bytes from earlier chunks (or be discarded).
    this.finishLine(chunk, 0, first, out);
    const last = chunk.lastIndexOf(LF);
    if (last > first) {
      const from = first + 1;
      if (last - from <= this.maxMessageBytes) {
        // Lines wholly inside this chunk: one decode, then split in string land.
        // Safe because 0x0A never occurs inside a UTF-8 multi-byte sequence.
        this.splitDecoded(this.decode(chunk.subarray(from, last)), out);
      } else {
        for (let pos = from; pos <= last;) {
          const nl = chunk.indexOf(LF, pos);
          this.finishLine(chunk, pos, nl, out);
          pos = nl + 1;
        }
      }
    }
    if (last + 1 < len) this.keep(chunk, last + 1, len);
    return out;
  }

  /** Ends the stream: a final line without `\n` is still delivered (§3.1). */
  end(): FrameEvent[] {
    const out: FrameEvent[] = [];
    if (this.discarding || this.pendingBytes > 0) this.finishLine(new Uint8Array(0), 0, 0, out);
    return out;
  }

  /** Bytes currently buffered for an unfinished line (bounded by the limit). */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.discarding) {
      this.discardedBytes += n;
      return;
    }
    if (this.pendingBytes + n > this.maxMessageBytes) {
      this.startDiscard(chunk, from, to);
      return;
    }
    this.pieces.push(chunk.subarray(from, to));
    this.pendingBytes += n;
  }

  private startDiscard(chunk: Uint8Array, from: number, to: number): void {
    const tail = chunk.subarray(from, Math.min(to, from + this.headBytes));
    this.head = this.decode(this.join(tail, this.headBytes));
    this.discarding = true;
    this.discardedBytes = this.pendingBytes + (to - from);
    this.pieces = [];
    this.pendingBytes = 0;
  }

  private finishLine(chunk: Uint8Array, from: number, nl: number, out: FrameEvent[]): void {
    if (!this.discarding && this.pendingBytes + (nl - from) > this.maxMessageBytes) {
      this.startDiscard(chunk, from, nl);
    } else if (this.discarding) {
      this.discardedBytes += nl - from;
    }
    if (this.discarding) {
      out.push({ kind: 'oversize', bytes: this.discardedBytes, head: this.head });
      this.discarding = false;
      this.discardedBytes = 0;
      this.head = '';
      this.atStreamStart = false;
      return;
    }
    const total = this.pendingBytes + (nl - from);
    const bytes = this.pieces.length === 0 ? chunk.subarray(from, nl) : this.join(chunk.subarray(from, nl), total);
    this.pieces = [];
    this.pendingBytes = 0;
    const text = this.lineText(bytes);
    if (text !== undefined) out.push({ kind: 'line', text });
  }

  /** Joins pending pieces plus `tail`, up to `limit` bytes, in one allocation. */
  private join(tail: Uint8Array, limit: number): Uint8Array {
    let size = tail.length;
    for (const p of this.pieces) size += p.length;
    size = Math.min(size, limit);
    const buf = new Uint8Array(size);
    let at = 0;
    for (const p of this.pieces) {
      if (at >= size) break;
      const part = p.length <= size - at ? p : p.subarray(0, size - at);
      buf.set(part, at);
      at += part.length;
    }
    if (at < size) buf.set(tail.subarray(0, size - at), at);
    return buf;
  }

  /** Emits the `\n`-separated lines of `text` (which holds whole lines only). */
  private splitDecoded(text: string, out: FrameEvent[]): void {
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      const end = nl === -1 ? text.length : nl;
      const line = this.trimLine(text, pos, end);
      if (line !== undefined) out.push({ kind: 'line', text: line });
      if (nl === -1) return;
      pos = nl + 1;
    }
  }

  /** `text[start, end)` without one trailing CR; undefined if blank. */
  private trimLine(text: string, start: number, end: number): string | undefined {
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (end === start) return undefined;
    const first = text.charCodeAt(start);
    const line = start === 0 && end === text.length ? text : text.slice(start, end);
    // JSON lines start with '{'; only lines starting with whitespace can be blank.
    if ((first === 0x20 || first === 0x09 || first === CR || first === 0x0c || first === 0x0b) && line.trim() === '') return undefined;
    return line;
  }

  /** Strips a stream-start BOM and one trailing CR; returns undefined for blank lines. */
  private lineText(bytes: Uint8Array): string | undefined {
    let start = 0;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    }
    const text = this.decode(start === 0 ? bytes : bytes.subarray(start));
    return this.trimLine(text, 0, text.length);
  }

  private decode(bytes: Uint8Array): string {
    return this.utf8.decode(bytes);
  }
}
