import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import {
  peerLinkEventTypes,
  peerLinkMachine,
  type PeerLinkEvent,
  type PeerLinkInput,
  type PeerLinkState,
} from '../../src/machines/peer-link-machine.js';
import { ManualClock } from './manual-clock.js';
import { describeMatrix, snapshotAfter, REFUSED as x, type Cell } from './transition-matrix.js';

type PeerLinkEventType = (typeof peerLinkEventTypes)[number];
type Table = Record<PeerLinkState, Record<PeerLinkEventType, Cell<PeerLinkState>>>;

const sample = (type: PeerLinkEventType): PeerLinkEvent => {
  switch (type) {
    case 'HANDSHAKE_FAILED':
    case 'CONNECT_FAILED':
    case 'LINK_DOWN':
      return { type, error: `${type.toLowerCase()} reason` };
    default:
      return { type };
  }
};
const on = (...types: PeerLinkEventType[]) => types.map(sample);

/** The table with every "retry" cell (a failure) leading to `retry`. */
// prettier-ignore
const table = (retry: PeerLinkState, openRetry: PeerLinkState = retry): Table => ({
  idle:        { CONNECT: 'connecting', CONNECTED: x, HANDSHAKE_OK: x, HANDSHAKE_FAILED: x, CONNECT_FAILED: x, LINK_DOWN: x, CLOSE: 'closed' },
  connecting:  { CONNECT: x, CONNECTED: 'handshaking', HANDSHAKE_OK: x, HANDSHAKE_FAILED: x, CONNECT_FAILED: retry, LINK_DOWN: x, CLOSE: 'closed' },
  handshaking: { CONNECT: x, CONNECTED: x, HANDSHAKE_OK: 'open', HANDSHAKE_FAILED: retry, CONNECT_FAILED: x, LINK_DOWN: retry, CLOSE: 'closed' },
  open:        { CONNECT: x, CONNECTED: x, HANDSHAKE_OK: x, HANDSHAKE_FAILED: x, CONNECT_FAILED: x, LINK_DOWN: openRetry, CLOSE: 'closed' },
  backoff:     { CONNECT: 'connecting', CONNECTED: x, HANDSHAKE_OK: x, HANDSHAKE_FAILED: x, CONNECT_FAILED: x, LINK_DOWN: x, CLOSE: 'closed' },
  closed:      { CONNECT: x, CONNECTED: x, HANDSHAKE_OK: x, HANDSHAKE_FAILED: x, CONNECT_FAILED: x, LINK_DOWN: x, CLOSE: x },
});

const base = { peerId: 'peer_001', random: () => 0.5 };

describeMatrix('peerLinkMachine transitions (retries left)', {
  machine: peerLinkMachine,
  input: base,
  eventTypes: peerLinkEventTypes,
  sample,
  expected: table('backoff'),
  paths: {
    idle: [],
    connecting: on('CONNECT'),
    handshaking: on('CONNECT', 'CONNECTED'),
    open: on('CONNECT', 'CONNECTED', 'HANDSHAKE_OK'),
    backoff: on('CONNECT', 'CONNECT_FAILED'),
    closed: on('CLOSE'),
  },
});

// With maxAttempts 1 and the one retry spent, every failure closes the link; `open` has reset the
// counter, so a drop there still backs off.
describeMatrix('peerLinkMachine transitions (retries exhausted)', {
  machine: peerLinkMachine,
  input: { ...base, maxAttempts: 1 },
  eventTypes: peerLinkEventTypes,
  sample,
  expected: table('closed', 'backoff'),
  paths: {
    idle: [],
    connecting: on('CONNECT', 'CONNECT_FAILED', 'CONNECT'),
    handshaking: on('CONNECT', 'CONNECT_FAILED', 'CONNECT', 'CONNECTED'),
    open: on('CONNECT', 'CONNECT_FAILED', 'CONNECT', 'CONNECTED', 'HANDSHAKE_OK'),
    backoff: on('CONNECT', 'CONNECT_FAILED'),
    closed: on('CLOSE'),
  },
});

/** A started link on a manual clock, and a helper that fails the current connect attempt. */
function link(input: Partial<PeerLinkInput> = {}) {
  const clock = new ManualClock();
  const actor = createActor(peerLinkMachine, { input: { ...base, ...input }, clock }).start();
  const snap = () => actor.getSnapshot();
  /** From connecting: fail, check the backoff delay is what was scheduled, and wait it out. */
  const failAndWait = (): number => {
    actor.send({ type: 'CONNECT_FAILED', error: `refused ${clock.now}` });
    if (snap().value !== 'backoff') return -1;
    const delay = snap().context.backoffMs;
    expect(clock.pending()).toEqual([delay]);
    clock.advance(delay - 1);
    expect(snap().value).toBe('backoff');
    clock.advance(1);
    expect(snap().value).toBe('connecting');
    return delay;
  };
  const up = () => {
    actor.send({ type: 'CONNECTED' });
    actor.send({ type: 'HANDSHAKE_OK' });
    expect(snap().value).toBe('open');
  };
  return { clock, actor, snap, failAndWait, up };
}

describe('peerLinkMachine backoff (acp-relay.md §6.1)', () => {
  it('uses the §6.1 defaults', () => {
    const ctx = createActor(peerLinkMachine, { input: { peerId: 'p' } }).getSnapshot().context;
    expect(ctx).toMatchObject({ peerId: 'p', attempt: 0, maxAttempts: Infinity, baseDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 0, lastError: undefined });
    expect(ctx.random).toBe(Math.random);
  });

  it('grows exponentially and is capped at maxDelayMs', () => {
    const { actor, snap, failAndWait } = link({ random: () => 1 });
    actor.send({ type: 'CONNECT' });
    const delays = Array.from({ length: 10 }, failAndWait);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(snap().context.attempt).toBe(10);
  });

  it('keeps jitter within [cap / 2, cap] of the exponential step', () => {
    let seed = 7;
    const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const { actor, failAndWait } = link({ random: lcg, baseDelayMs: 100, maxDelayMs: 5000 });
    actor.send({ type: 'CONNECT' });
    const delays = Array.from({ length: 40 }, failAndWait);
    delays.forEach((delay, n) => {
      const cap = Math.min(5000, 100 * 2 ** n);
      expect(delay, `retry ${n + 1}`).toBeGreaterThanOrEqual(cap / 2);
      expect(delay, `retry ${n + 1}`).toBeLessThanOrEqual(cap);
    });
    expect(new Set(delays.slice(-20)).size, 'jitter varies the capped delays').toBeGreaterThan(1);
  });

  it('hits the lower bound of the jitter with random() = 0', () => {
    const { actor, failAndWait } = link({ random: () => 0 });
    actor.send({ type: 'CONNECT' });
    expect(Array.from({ length: 8 }, failAndWait)).toEqual([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('closes once maxAttempts retries have failed, keeping the last error', () => {
    const { actor, snap, clock, failAndWait } = link({ maxAttempts: 3 });
    actor.send({ type: 'CONNECT' });
    expect([failAndWait(), failAndWait(), failAndWait()]).toEqual([375, 750, 1500]);
    expect(snap().context.attempt).toBe(3);
    actor.send({ type: 'CONNECT_FAILED', error: 'last straw' });
    expect(snap().value).toBe('closed');
    expect(snap().status).toBe('done');
    expect(snap().context.lastError).toBe('last straw');
    expect(clock.pending()).toEqual([]);
  });

  it('maxAttempts 0 never retries', () => {
    const { actor, snap } = link({ maxAttempts: 0 });
    actor.send({ type: 'CONNECT' });
    actor.send({ type: 'CONNECTED' });
    actor.send({ type: 'HANDSHAKE_FAILED', error: 'no card' });
    expect(snap().value).toBe('closed');
    expect(snap().context.lastError).toBe('no card');
  });

  it('maxAttempts Infinity retries forever at the capped delay', () => {
    const { actor, snap, failAndWait } = link({ random: () => 1 });
    actor.send({ type: 'CONNECT' });
    const delays = Array.from({ length: 1200 }, failAndWait);
    expect(snap().value).toBe('connecting');
    expect(snap().context.attempt).toBe(1200);
    expect(delays.at(-1)).toBe(30_000); // 2^1199 overflows to Infinity; the cap still holds
  });

  it('resets attempts on reaching open, so the next drop starts from the base delay', () => {
    const { actor, snap, failAndWait, up } = link({ random: () => 1 });
    actor.send({ type: 'CONNECT' });
    failAndWait();
    failAndWait();
    expect(snap().context.attempt).toBe(2);
    up();
    expect(snap().context.attempt).toBe(0);
    actor.send({ type: 'LINK_DOWN', error: 'close 1006' });
    expect(snap().value).toBe('backoff');
    expect(snap().context.backoffMs).toBe(500);
    expect(snap().context.lastError).toBe('close 1006');
  });

  it('with stableAfterMs, resets only once the link has stayed open that long', () => {
    const { actor, snap, clock, failAndWait, up } = link({ random: () => 1, stableAfterMs: 10_000 });
    actor.send({ type: 'CONNECT' });
    failAndWait();
    failAndWait();
    up();
    expect(snap().context.attempt).toBe(2);
    clock.advance(9_999);
    actor.send({ type: 'LINK_DOWN', error: 'flap' });
    expect(snap().context.backoffMs).toBe(2000); // a flapping link keeps backing off
    expect(clock.pending()).toEqual([2000]); // the stability timer left with `open`
    clock.advance(2000);
    up();
    clock.advance(10_000);
    expect(snap().context.attempt).toBe(0);
    actor.send({ type: 'LINK_DOWN', error: 'later' });
    expect(snap().context.backoffMs).toBe(500);
  });

  it('CONNECT during backoff retries at once and cancels the timer', () => {
    const { actor, snap, clock } = link();
    actor.send({ type: 'CONNECT' });
    actor.send({ type: 'CONNECT_FAILED', error: 'refused' });
    expect(clock.pending()).toHaveLength(1);
    actor.send({ type: 'CONNECT' });
    expect(snap().value).toBe('connecting');
    expect(snap().context.attempt).toBe(1);
    expect(clock.pending()).toEqual([]);
  });

  it('CLOSE during backoff cancels the timer; closed stays closed as time passes', () => {
    const { actor, snap, clock } = link();
    actor.send({ type: 'CONNECT' });
    actor.send({ type: 'CONNECT_FAILED', error: 'refused' });
    actor.send({ type: 'CLOSE' });
    expect(clock.pending()).toEqual([]);
    clock.advance(60_000);
    expect(snap().value).toBe('closed');
    expect(snap().context.lastError).toBe('refused'); // CLOSE without an error keeps the last one
  });

  it('a permanent rejection closes with its reason (relay invalid_token, §2.2)', () => {
    const { actor, snap, clock } = link();
    actor.send({ type: 'CONNECT' });
    actor.send({ type: 'CONNECTED' });
    actor.send({ type: 'CLOSE', error: 'invalid_token' });
    clock.advance(60_000);
    expect(snap().value).toBe('closed');
    expect(snap().context.lastError).toBe('invalid_token');
    expect(clock.scheduled).toEqual([]);
  });

  it('a link that comes back stays open and forgets nothing but the attempts', () => {
    const snapshot = snapshotAfter(peerLinkMachine, base, on('CONNECT', 'CONNECT_FAILED', 'CONNECT', 'CONNECTED', 'HANDSHAKE_OK'));
    expect(snapshot.value).toBe('open');
    expect(snapshot.context).toMatchObject({ peerId: 'peer_001', attempt: 0, lastError: 'connect_failed reason' });
  });

  it('PeerLinkState is exactly the machine\'s state value', () => {
    expectTypeOf<SnapshotFrom<typeof peerLinkMachine>['value']>().toEqualTypeOf<PeerLinkState>();
    expectTypeOf<PeerLinkEvent['type']>().toEqualTypeOf<PeerLinkEventType>();
  });
});
