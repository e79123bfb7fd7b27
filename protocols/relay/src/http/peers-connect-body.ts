import { getOwn, type JsonObject } from '../core/json.js';
import { formatLink, parseLink, type Link } from '../core/link.js';
import { err, ok, type Result } from '../core/result.js';
import { fieldError, stringField } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/** A validated `POST /peers/connect` body (§3.5.1). */
export interface PeersConnectRequest {
  readonly link: Link;
  /** The link in canonical text form, the registry key for "already known". */
  readonly linkText: string;
  /** Display name; the route defaults it to the peer id. */
  readonly name?: string;
}

/**
 * Validates a connect body: `link` is required and must parse (§1.2); any non-empty token is
 * accepted since upstream peers may use other token forms.
 *
 * @example
 * decodePeersConnectBody({ link: 'acp://127.0.0.1:7841/tok_d04b73b59aba408e', name: 'A' });
 * decodePeersConnectBody({}); // 400 'link required'
 */
export function decodePeersConnectBody(body: JsonObject): Result<PeersConnectRequest, HttpError> {
  const raw = getOwn(body, 'link');
  if (raw === undefined || raw === null || raw === '') return err(invalidRequest('link required'));
  const parsed = parseLink(raw);
  if (!parsed.ok) return err(invalidRequest(parsed.error));
  const bad = fieldError(body, [['name', 'string']]);
  if (bad !== undefined) return err(bad);
  const name = stringField(body, 'name');
  return ok({ link: parsed.value, linkText: formatLink(parsed.value), ...(name === undefined || name === '' ? {} : { name }) });
}
