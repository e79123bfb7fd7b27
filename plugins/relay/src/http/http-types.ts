import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpError, JsonObject, JsonValue, Result } from '@troupe/protocol-relay';
import type { RelayNodeApi } from '../node/relay-node-api.js';

/** One API request as routes see it. */
export interface ApiRequest {
  readonly node: RelayNodeApi;
  readonly method: string;
  /** Path without the query, percent-decoded per segment by the router. */
  readonly path: string;
  /** Path parameter (`{id}`), percent-decoded. */
  readonly param: string;
  readonly query: URLSearchParams;
  /** The client's address, for loopback-only routes. */
  readonly remoteAddress: string;
  /** The parsed JSON body (`{}` when empty); a 400 envelope when it is not a JSON object. */
  body(): Result<JsonObject, HttpError>;
}

/**
 * What a route answers: JSON with a status. `afterEncode` runs once the body has been encoded
 * and handed to the connection: a route that removes what it answers with (`/recv`) removes it
 * there, so an answer that cannot be written loses nothing.
 */
export type ApiReply = { readonly status: number; readonly body: JsonValue; readonly afterEncode?: () => void };

/** A route handler: answers from the request and its whole body. */
export type Route = (request: ApiRequest) => ApiReply | Promise<ApiReply>;

/**
 * A route that keeps its response open (SSE) and writes it itself through node:http; it answers
 * `undefined` once it has taken the response, or a JSON reply to send instead.
 */
export type StreamRoute = (request: ApiRequest, req: IncomingMessage, res: ServerResponse) => ApiReply | undefined;

/** Shorthand for a JSON answer. */
export function json(status: number, body: JsonValue): ApiReply {
  return { status, body };
}

/** An error envelope as an answer. */
export function fail(error: HttpError): ApiReply {
  return { status: error.status, body: error.body };
}
