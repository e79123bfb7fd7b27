/**
 * Splitting of long text chunks (spec §3.2) [Troupe]: a message, thought or
 * replayed user chunk whose text exceeds 1 MiB is sent as several chunks
 * with the same `messageId`, so no single line nears a peer's limit. Binary
 * blocks are never split.
 */
import { splitUtf8 } from '../framing/utf8.js';
import type { SessionUpdate } from '../types/session-update.js';

/**
 * Largest text per chunk before splitting (1 MiB of UTF-8).
 *
 * @example
 * splitTextChunk(update, MAX_TEXT_CHUNK_BYTES);
 */
export const MAX_TEXT_CHUNK_BYTES = 1024 * 1024;

/**
 * Returns `[update]` unless it is a text chunk over `maxTextBytes`; then
 * the pieces, each a copy of the update with a slice of the text. Pieces
 * split on character boundaries and concatenate to the original text.
 *
 * @example
 * for (const u of splitTextChunk(update)) send(sessionUpdateFrame(sessionId, u));
 */
export function splitTextChunk(update: SessionUpdate, maxTextBytes = MAX_TEXT_CHUNK_BYTES): SessionUpdate[] {
  const kind = update.sessionUpdate;
  if (kind !== 'agent_message_chunk' && kind !== 'agent_thought_chunk' && kind !== 'user_message_chunk') return [update];
  const block = update.content;
  if (block.type !== 'text' || block.text.length * 3 <= maxTextBytes) return [update];
  const pieces = splitUtf8(block.text, maxTextBytes);
  if (pieces.length === 1) return [update];
  return pieces.map((text) => ({ ...update, content: { ...block, text } }));
}
