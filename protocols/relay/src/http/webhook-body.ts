import { getOwn, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import { isHttpUrl } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/**
 * Validates `POST /webhooks/register` and `/webhooks/deregister` bodies (§4.10): `url` is required
 * and must be `http://` or `https://`. The loopback-client check (403) is the route's.
 *
 * @example
 * decodeWebhookBody({ url: 'http://127.0.0.1:9/hook' }); // { ok: true, value: { url: 'http://127.0.0.1:9/hook' } }
 */
export function decodeWebhookBody(body: JsonObject): Result<{ url: string }, HttpError> {
  const url = getOwn(body, 'url');
  if (url === undefined || url === null || url === '') return err(invalidRequest('url required'));
  if (!isHttpUrl(url)) return err(invalidRequest('url must be an http:// or https:// URL'));
  return ok({ url });
}
