/**
 * What the splitter yields for a complete line: its text without the terminator.
 *
 * @example
 * const ev: SplitEvent = { kind: 'line', text: '{"a":1}' };
 */
export type SplitEvent = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'oversize'; readonly bytes: number; readonly head: string };

/**
 * Turns a byte stream into lines. The transport moves bytes; the framing rules of a protocol
 * (terminators, a BOM, blank lines, what is kept of an over-long line) belong to the protocol
 * package, which provides the splitter (e.g. `@troupe/protocol-stdio`'s `LineDecoder`).
 *
 * @example
 * const splitter: LineSplitter = new LineDecoder({ maxMessageBytes: 1 << 20 });
 */
export interface LineSplitter {
  /** Feeds one chunk; returns the lines it completed, in order. Never throws. */
  push(chunk: Uint8Array): readonly SplitEvent[];
  /** The input ended: a last line without terminator, if any. */
  end(): readonly SplitEvent[];
}
