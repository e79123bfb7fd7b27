/**
 * Wire timestamps (§1.4): naive UTC, ISO 8601, a literal `Z`.
 *
 * Troupe writes exactly six fractional digits. Upstream writes six too, but drops the fraction
 * when the microseconds are zero (Python's `isoformat()`); both forms are produced here, and the
 * parser accepts 0–9 fractional digits. Never re-format a received `ts`: signatures cover the string.
 */

/** Which writer to imitate: Troupe's fixed six digits, or upstream's fraction-dropping form. */
export type TimestampStyle = 'troupe' | 'upstream';

/**
 * Formats a time (epoch milliseconds or a Date) as a wire timestamp.
 *
 * @example
 * formatTimestamp(Date.UTC(2026, 10, 21, 16, 25, 43, 370)); // '2026-11-21T16:25:43.370000Z'
 * formatTimestamp(Date.UTC(2026, 10, 21, 16, 24, 35), 'upstream'); // '2026-11-21T16:24:35Z'
 */
export function formatTimestamp(time: number | Date, style: TimestampStyle = 'troupe'): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  // A busy node formats the same millisecond several times (frame, event, deque record).
  if (ms === last.ms && style === last.style) return last.text;
  const text = format(ms, style);
  last = { ms, style, text };
  return text;
}

/** The last timestamp formatted; a pure memo (the same input always gives the same text). */
let last: { readonly ms: number; readonly style: TimestampStyle; readonly text: string } = { ms: Number.NaN, style: 'troupe', text: '' };

function format(ms: number, style: TimestampStyle): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format an invalid time (${String(ms)})`);
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const iso = new Date(whole).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (iso.length !== 24) throw new RangeError(`year out of range for a wire timestamp (${iso})`);
  const fraction = `${iso.slice(20, 23)}${String(Math.min(micros, 999)).padStart(3, '0')}`;
  if (style === 'upstream' && fraction === '000000') return `${iso.slice(0, 19)}Z`;
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a wire timestamp to epoch milliseconds (fractions below a millisecond are kept), or
 * returns `undefined` when the text is not one. Numeric offsets are accepted (Troupe receivers
 * handle them, §7.13), although no Troupe sender writes them.
 *
 * @example
 * parseTimestamp('2026-11-21T16:24:35Z'); // 1795278275000
 * parseTimestamp('yesterday');            // undefined
 */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (hour === undefined || minute === undefined || second === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  let offsetMinutes = 0;
  const zone = m[8] ?? 'Z';
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) + fraction - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Unix seconds as a float, the type of `received_at` on inbound entries and of `started_at` (§3.4.4).
 *
 * @example
 * unixSeconds(1795278276670.3236); // 1795278276.6703236
 */
export function unixSeconds(epochMs: number): number {
  return epochMs / 1000;
}
