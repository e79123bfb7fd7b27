import { expect, test } from 'vitest';
import {
  formatPeerId,
  formatTimestamp,
  isClientId,
  isGeneratedId,
  newCardFrameId,
  newMessageId,
  newSessionId,
  newTaskId,
  newToken,
  parseTimestamp,
  unixSeconds,
} from '../src/index.js';

test('generated ids have the §1.3 forms and differ', () => {
  expect(newToken()).toMatch(/^tok_[0-9a-f]{16}$/);
  expect(newSessionId()).toMatch(/^sess_[0-9a-f]{12}$/);
  expect(newMessageId()).toMatch(/^msg_[0-9a-f]{12}$/);
  expect(newCardFrameId()).toMatch(/^card_[0-9a-f]{12}$/);
  expect(newTaskId()).toMatch(/^task_[0-9a-f]{12}$/);
  expect(new Set(Array.from({ length: 100 }, newToken)).size).toBe(100);
  expect(formatPeerId(1)).toBe('peer_001');
  expect(formatPeerId(1234)).toBe('peer_1234');
  expect(() => formatPeerId(0)).toThrow(RangeError);
  expect(isGeneratedId('card', 'card_969d5657ef7d')).toBe(true);
  expect(isGeneratedId('card', 'card_969D5657ef7d')).toBe(false);
  expect(isGeneratedId('peer', 'peer_001')).toBe(true);
  expect(isClientId('msg-demo-1')).toBe(true);
  expect(isClientId('')).toBe(false);
});

test('Troupe timestamps always have six fractional digits; upstream style drops a zero fraction', () => {
  const ms = Date.UTC(2026, 10, 21, 16, 25, 43, 370);
  expect(formatTimestamp(ms)).toBe('2026-11-21T16:25:43.370000Z');
  expect(formatTimestamp(new Date(Date.UTC(2026, 10, 21, 16, 24, 35)))).toBe('2026-11-21T16:24:35.000000Z');
  expect(formatTimestamp(Date.UTC(2026, 10, 21, 16, 24, 35), 'upstream')).toBe('2026-11-21T16:24:35Z');
  expect(formatTimestamp(ms + 0.422, 'upstream')).toBe('2026-11-21T16:25:43.370422Z');
  expect(() => formatTimestamp(Number.NaN)).toThrow(RangeError);
});

test('receivers accept no fraction or 1–9 digits with Z, and offsets; refuse the rest', () => {
  const base = Date.UTC(2026, 10, 21, 16, 24, 35);
  expect(parseTimestamp('2026-11-21T16:24:35Z')).toBe(base);
  expect(parseTimestamp('2026-11-21T16:24:35.5Z')).toBe(base + 500);
  expect(parseTimestamp('2026-11-21T16:24:35.123456789Z')).toBeCloseTo(base + 123.456789, 3);
  expect(parseTimestamp('2026-11-21T17:24:35+01:00')).toBe(base);
  for (const bad of ['2026-11-21T16:24:35', '2026-11-21 16:24:35Z', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-21T16:24:35.1234567890Z', 42]) {
    expect(parseTimestamp(bad), String(bad)).toBeUndefined();
  }
  expect(parseTimestamp(formatTimestamp(base + 1))).toBe(base + 1);
  expect(unixSeconds(1500)).toBe(1.5);
});
