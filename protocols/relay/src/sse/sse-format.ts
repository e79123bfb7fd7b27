import type { EventEnvelope } from './stream-events.js';

/**
 * Server-Sent Events text form (§4.7). Task events carry an `event:` line, message and peer events
 * do not, and no `id:` line is ever written (resumption uses `?since=`).
 */

/** Response head of `GET /stream` and `/tasks/{id}:subscribe`. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
  'Access-Control-Allow-Origin': '*',
};

/** The keepalive comment, written right after the head and then whenever the stream idles. */
export const SSE_KEEPALIVE = ': keepalive\n\n';

/** `event:` names by event `type`; other types have no name line. */
export const SSE_EVENT_NAMES: Readonly<Record<string, string>> = {
  status: 'acp.task.status',
  artifact: 'acp.task.artifact',
};

/** One SSE block in its generic form. */
export interface SseBlock {
  readonly event?: string;
  readonly id?: string;
  readonly data: string;
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new RangeError(`SSE ${field} must be a single line`);
  return value;
}

/**
 * Formats a generic block: optional `event:` and `id:` lines, one `data:` line per line of data,
 * then an empty line. The relay itself never uses `id`.
 *
 * @example
 * formatSseBlock({ event: 'acp.task.status', data: '{"a":1}' }); // 'event: acp.task.status\ndata: {"a":1}\n\n'
 */
export function formatSseBlock(block: SseBlock): string {
  let out = '';
  if (block.event !== undefined) out += `event: ${singleLine('event', block.event)}\n`;
  if (block.id !== undefined) out += `id: ${singleLine('id', block.id)}\n`;
  for (const line of block.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/**
 * Formats a stream event exactly as §4.7 frames it. The JSON is one line (JSON.stringify never
 * writes a raw line break); compact separators are allowed since consumers parse it.
 *
 * @example
 * formatStreamEvent({ type: 'status', ts, seq: 4, task_id: 't', state: 'submitted' });
 * // 'event: acp.task.status\ndata: {"type":"status",…}\n\n'
 */
export function formatStreamEvent(event: EventEnvelope): string {
  const name = SSE_EVENT_NAMES[event.type];
  return formatSseBlock(name === undefined ? { data: JSON.stringify(event) } : { event: name, data: JSON.stringify(event) });
}

/**
 * A comment block (`: text\n\n`); line breaks in `text` are replaced so it stays one comment.
 *
 * @example
 * formatSseComment('replay-gap 17'); // ': replay-gap 17\n\n'
 */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/**
 * Parses the `since` query parameter: an integer ≥ 0, or `undefined` (live only) for anything
 * else, since a non-integer `since` is ignored rather than refused (§4.7).
 *
 * @example
 * parseSinceParam('0');   // 0
 * parseSinceParam('abc'); // undefined
 */
export function parseSinceParam(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
