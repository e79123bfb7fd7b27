import { getOwn, isJsonObject, jsonTypeName, type JsonObject } from '../core/json.js';
import { err, ok, type Result } from '../core/result.js';
import type { Availability } from '../card/agent-card.js';
import { fieldError } from './body-fields.js';
import { invalidRequest, type HttpError } from './error-envelope.js';

/** Keys allowed in an `availability` patch (§3.7.2). */
export const AVAILABILITY_KEYS = ['mode', 'interval_seconds', 'next_active_at', 'last_active_at', 'task_latency_max_seconds', 'schedule', 'timezone'] as const;

/** Allowed `availability.mode` values. */
export const AVAILABILITY_MODES = ['persistent', 'heartbeat', 'cron', 'manual'] as const;

/**
 * Validates a `PATCH /.well-known/acp.json` body: `{"availability": {...}}` with known keys only.
 *
 * @example
 * decodeCardPatchBody({ availability: { mode: 'heartbeat', interval_seconds: 60 } });
 * decodeCardPatchBody({ availability: { colour: 'red' } }); // 400 "unknown availability fields: ['colour']"
 */
export function decodeCardPatchBody(body: JsonObject): Result<Availability, HttpError> {
  const patch = getOwn(body, 'availability');
  if (patch === undefined) return err(invalidRequest("request body must contain 'availability' key"));
  if (!isJsonObject(patch)) return err(invalidRequest(`'availability' must be an object, got ${jsonTypeName(patch)}`));
  const unknown = Object.keys(patch).filter((k) => !(AVAILABILITY_KEYS as readonly string[]).includes(k)).sort();
  if (unknown.length > 0) return err(invalidRequest(`unknown availability fields: [${unknown.map((k) => `'${k.slice(0, 40)}'`).join(', ')}]`));
  const mode = getOwn(patch, 'mode');
  if (mode !== undefined && !(AVAILABILITY_MODES as readonly unknown[]).includes(mode)) {
    return err(invalidRequest(`invalid availability mode '${String(mode).slice(0, 40)}': must be one of ${AVAILABILITY_MODES.join(', ')}`));
  }
  const bad = fieldError(patch, [
    ['interval_seconds', 'number'],
    ['task_latency_max_seconds', 'number'],
    ['next_active_at', 'string'],
    ['last_active_at', 'string'],
    ['schedule', 'string'],
    ['timezone', 'string'],
  ]);
  if (bad !== undefined) return err(invalidRequest(`availability ${bad.body.error}`));
  return ok({ ...patch } as Availability);
}

/**
 * Merges a validated patch into the card's availability; `last_active_at` is set to `nowTs` when
 * neither side has it (§3.7.2).
 *
 * @example
 * mergeAvailability(undefined, { mode: 'heartbeat', interval_seconds: 60 }, '2026-11-21T16:24:35.000000Z');
 * // { mode: 'heartbeat', interval_seconds: 60, last_active_at: '2026-11-21T16:24:35.000000Z' }
 */
export function mergeAvailability(current: Availability | undefined, patch: Availability, nowTs: string): Availability {
  const merged: Availability = { ...current, ...patch };
  if (merged.last_active_at === undefined || merged.last_active_at === null) merged.last_active_at = nowTs;
  return merged;
}
