/**
 * `elicitation/create` and `elicitation/complete` (spec §7). Form mode asks
 * for a flat object of primitives; URL mode sends the user elsewhere (and is
 * the only mode allowed for secrets).
 */
import type { JsonRpcId } from './json-rpc.js';
import type { OpenEnum, WithMeta } from './meta.js';

/**
 * One property of a form: a primitive JSON-Schema fragment with a `type`.
 *
 * @example
 * const p: ElicitationPropertySchema = { type: 'string', title: 'Name' };
 */
export interface ElicitationPropertySchema extends WithMeta {
  type: OpenEnum<'string' | 'number' | 'integer' | 'boolean' | 'array'>;
  title?: string | null;
  description?: string | null;
  [keyword: string]: unknown;
}

/**
 * The flat object schema of a form-mode elicitation.
 *
 * @example
 * const s: ElicitationSchema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
 */
export interface ElicitationSchema extends WithMeta {
  type?: 'object';
  title?: string | null;
  properties?: { [name: string]: ElicitationPropertySchema };
  required?: string[] | null;
}

/**
 * Scope inside a session (optionally tied to a tool call).
 *
 * @example
 * const s: ElicitationSessionScope = { sessionId: 's-1', toolCallId: 't-1' };
 */
export interface ElicitationSessionScope { sessionId: string; toolCallId?: string | null }
/**
 * Scope outside a session: the request that needs the input.
 *
 * @example
 * const s: ElicitationRequestScope = { requestId: 4 };
 */
export interface ElicitationRequestScope { requestId: JsonRpcId }

/**
 * Form mode. Needs client `elicitation.form`.
 *
 * @example
 * const p: ElicitationFormParams = { message: 'Name?', mode: 'form', sessionId: 's', requestedSchema: {} };
 */
export type ElicitationFormParams = WithMeta & { message: string; mode: 'form'; requestedSchema: ElicitationSchema }
  & (ElicitationSessionScope | ElicitationRequestScope);

/**
 * URL mode. Needs client `elicitation.url`.
 *
 * @example
 * const p: ElicitationUrlParams = { message: 'Log in', mode: 'url', elicitationId: 'e', url: 'https://x', requestId: 1 };
 */
export type ElicitationUrlParams = WithMeta & { message: string; mode: 'url'; elicitationId: string; url: string }
  & (ElicitationSessionScope | ElicitationRequestScope);

/**
 * `elicitation/create` params.
 *
 * @example
 * const p: CreateElicitationParams = { message: 'Log in', mode: 'url', elicitationId: 'e1',
 *   url: 'https://example.com/login', sessionId: 's' };
 */
export type CreateElicitationParams = ElicitationFormParams | ElicitationUrlParams;

/**
 * A value of an accepted form.
 *
 * @example
 * const v: ElicitationContentValue = ['a', 'b'];
 */
export type ElicitationContentValue = string | number | boolean | string[];

/**
 * `elicitation/create` result.
 *
 * @example
 * const r: CreateElicitationResult = { action: 'accept', content: { name: 'Ada' } };
 */
export type CreateElicitationResult = WithMeta & (
  | { action: 'accept'; content?: { [name: string]: ElicitationContentValue } | null }
  | { action: 'decline' }
  | { action: 'cancel' }
);

/**
 * `elicitation/complete` params (notification, URL mode).
 *
 * @example
 * const p: CompleteElicitationParams = { elicitationId: 'e1' };
 */
export interface CompleteElicitationParams extends WithMeta { elicitationId: string }
