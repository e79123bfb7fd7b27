/**
 * The value-or-error shape every decoder in this package returns. Decoders never throw on input;
 * the error text is one sentence a human can act on.
 */
export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * Wraps a success value.
 *
 * @example
 * const r = ok(42); // { ok: true, value: 42 }
 */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/**
 * Wraps an error.
 *
 * @example
 * const r = err('link missing host'); // { ok: false, error: 'link missing host' }
 */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
