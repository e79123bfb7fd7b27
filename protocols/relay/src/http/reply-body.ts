import { getOwn, type JsonObject } from '../core/json.js';
import type { Part } from '../core/part.js';
import { err, ok, type Result } from '../core/result.js';
import { fieldError, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';
import { validateParts } from './request-parts.js';

/** A validated `POST /reply` body (§3.4.3). */
export interface ReplyRequest {
  readonly correlationId: string;
  readonly parts?: Part[];
  /** Legacy string content. */
  readonly content?: string;
  /** Routing hint used when the correlated message's peer is unknown. */
  readonly peerId?: string;
}

/**
 * Validates a reply body: `correlation_id` is required; `parts` (validated) and `content` are
 * optional, and either may be left out.
 *
 * @example
 * decodeReplyBody({ correlation_id: 'msg-sync-1', parts: [{ type: 'text', content: 'pong' }] });
 */
export function decodeReplyBody(body: JsonObject): Result<ReplyRequest, HttpError> {
  const correlation = getOwn(body, 'correlation_id');
  if (correlation === undefined || correlation === null || correlation === '') return err(invalidRequest('missing required field: correlation_id'));
  const bad = fieldError(body, [
    ['correlation_id', 'string'],
    ['content', 'string'],
    ['peer_id', 'non-empty string'],
  ]);
  if (bad !== undefined) return err(bad);
  const rawParts = getOwn(body, 'parts');
  let parts: Part[] | undefined;
  if (rawParts !== undefined && rawParts !== null) {
    const checked = validateParts(rawParts);
    if (!checked.ok) return err(invalidRequest(checked.error));
    parts = checked.value;
  }
  const content = stringField(body, 'content');
  const peerId = stringField(body, 'peer_id');
  return ok({
    correlationId: correlation as string,
    ...(parts === undefined ? {} : { parts }),
    ...(content === undefined ? {} : { content }),
    ...(peerId === undefined ? {} : { peerId }),
  });
}
