/**
 * The hot path of a streaming turn (serve mode): the `session/update` line of a plain text chunk,
 * assembled from a per-turn prefix and `JSON.stringify(text)` instead of stringifying the whole
 * frame object each time. The output is byte-identical to
 * `JSON.stringify(notification('session/update', { sessionId, update: { sessionUpdate, content: { type: 'text', text }, messageId } }))`
 * (a unit test pins this); the transport adds the `\n`. It lives in the plugin because it is an I/O optimisation
 * of this plugin's writer, not a wire-format concern.
 *
 * @example
 * const lines = new TextChunkLines('s-1', 'agent_message_chunk', 'm-1');
 * endpoint.sendLine(lines.line('hello'));
 */
export class TextChunkLines {
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(sessionId: string, sessionUpdate: 'agent_message_chunk' | 'agent_thought_chunk', messageId: string) {
    this.prefix = `{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":${JSON.stringify(sessionId)},"update":{"sessionUpdate":"${sessionUpdate}","content":{"type":"text","text":`;
    this.suffix = `},"messageId":${JSON.stringify(messageId)}}}}`;
  }

  /** The frame line for one chunk of text. */
  line(text: string): string {
    return this.prefix + JSON.stringify(text) + this.suffix;
  }
}
