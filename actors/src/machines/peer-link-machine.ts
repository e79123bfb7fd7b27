import { assign, setup } from 'xstate';

/**
 * Lifecycle of one outbound link to a peer (the dialler side of a relay peer, a client link):
 * connect, handshake, stay open, and on any failure retry with exponential backoff and jitter.
 *
 * ```
 *           CONNECT             CONNECTED               HANDSHAKE_OK
 *   (idle) ─────────▶ connecting ─────────▶ handshaking ────────────▶ open
 *                       ▲    │                   │                     │
 *                       │    │ CONNECT_FAILED    │ HANDSHAKE_FAILED,   │ LINK_DOWN
 *                       │    │                   │ LINK_DOWN           │
 *                       │    ▼                   ▼                     │
 *                       │   ( attempt < maxAttempts ? ) ◀──────────────┘
 *                       │        │ yes                  │ no
 *      after backoffMs, │        ▼                      ▼
 *      or CONNECT       └──── backoff               ((closed)) ◀── CLOSE ── any other state
 * ```
 *
 * | state \ event | CONNECT    | CONNECTED   | HANDSHAKE_OK | HANDSHAKE_FAILED | CONNECT_FAILED | LINK_DOWN | CLOSE  |
 * | ------------- | ---------- | ----------- | ------------ | ---------------- | -------------- | --------- | ------ |
 * | idle          | connecting |             |              |                  |                |           | closed |
 * | connecting    |            | handshaking |              |                  | retry          |           | closed |
 * | handshaking   |            |             | open         | retry            |                | retry     | closed |
 * | open          |            |             |              |                  |                | retry     | closed |
 * | backoff       | connecting |             |              |                  |                |           | closed |
 * | closed        |            |             |              |                  |                |           |        |
 *
 * "retry" is `backoff` while `attempt < maxAttempts`, else `closed`; it records the event's
 * `error` as `lastError`. Empty cells are ignored (`snapshot.can(event)` is false). A socket that
 * drops before CONNECTED is a CONNECT_FAILED, so LINK_DOWN is ignored in `connecting`.
 *
 * Backoff (acp-relay.md §6.1): the delay before retry n = attempt + 1 is
 * `min(maxDelayMs, baseDelayMs × 2^(n−1)) × (0.5 + 0.5 × random())`, so it lies in
 * [cap / 2, cap] and never exceeds `maxDelayMs`. It is computed once, on the failing transition,
 * kept in `backoffMs` for inspection, and scheduled as an XState delayed transition, so the
 * actor's `clock` drives it. `attempt` counts retries since the link was last open; CONNECT in
 * `backoff` retries at once and counts too. It resets on reaching `open`, or, when
 * `stableAfterMs` > 0, once the link has stayed open that long (§6.1: 10 s), so a link that
 * flaps right after every handshake keeps backing off instead of hammering the peer.
 *
 * A permanent rejection (relay `invalid_token`, §2.2) is not a retry: the plugin sends
 * `CLOSE { error: 'invalid_token' }`.
 *
 * @example
 * ```ts
 * const link = createActor(peerLinkMachine, { input: { peerId: 'peer_001' }, clock }).start();
 * link.send({ type: 'CONNECT' });
 * link.send({ type: 'CONNECT_FAILED', error: 'ECONNREFUSED' });
 * link.getSnapshot().value; // 'backoff'; CONNECTs again after context.backoffMs
 * ```
 */
export const peerLinkMachine = setup({
  types: {} as {
    context: PeerLinkContext;
    events: PeerLinkEvent;
    input: PeerLinkInput;
  },
  delays: {
    backoff: ({ context }) => context.backoffMs,
    stable: ({ context }) => context.stableAfterMs,
  },
  guards: {
    attemptsLeft: ({ context }) => context.attempt < context.maxAttempts,
  },
  actions: {
    noteError: assign({
      lastError: ({ context, event }) =>
        'error' in event && event.error !== undefined ? event.error : context.lastError,
    }),
    planRetry: assign({ backoffMs: ({ context }) => backoffDelay(context) }),
    countAttempt: assign({ attempt: ({ context }) => context.attempt + 1 }),
    resetAttempts: assign({ attempt: 0 }),
    resetAttemptsOnOpen: assign({
      attempt: ({ context }) => (context.stableAfterMs > 0 ? context.attempt : 0),
    }),
  },
}).createMachine({
  id: 'peerLink',
  context: ({ input }) => ({
    peerId: input.peerId,
    attempt: 0,
    maxAttempts: input.maxAttempts ?? Infinity,
    baseDelayMs: input.baseDelayMs ?? 500,
    maxDelayMs: input.maxDelayMs ?? 30_000,
    stableAfterMs: input.stableAfterMs ?? 0,
    backoffMs: 0,
    lastError: undefined,
    random: input.random ?? Math.random,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        CONNECT: 'connecting',
        CLOSE: { target: 'closed', actions: 'noteError' },
      },
    },
    connecting: {
      on: {
        CONNECTED: 'handshaking',
        CONNECT_FAILED: [
          { guard: 'attemptsLeft', target: 'backoff', actions: ['noteError', 'planRetry'] },
          { target: 'closed', actions: 'noteError' },
        ],
        CLOSE: { target: 'closed', actions: 'noteError' },
      },
    },
    handshaking: {
      on: {
        HANDSHAKE_OK: 'open',
        HANDSHAKE_FAILED: [
          { guard: 'attemptsLeft', target: 'backoff', actions: ['noteError', 'planRetry'] },
          { target: 'closed', actions: 'noteError' },
        ],
        LINK_DOWN: [
          { guard: 'attemptsLeft', target: 'backoff', actions: ['noteError', 'planRetry'] },
          { target: 'closed', actions: 'noteError' },
        ],
        CLOSE: { target: 'closed', actions: 'noteError' },
      },
    },
    open: {
      entry: 'resetAttemptsOnOpen',
      // With stableAfterMs = 0 this fires at once and is a no-op; the entry action already reset.
      after: { stable: { actions: 'resetAttempts' } },
      on: {
        LINK_DOWN: [
          { guard: 'attemptsLeft', target: 'backoff', actions: ['noteError', 'planRetry'] },
          { target: 'closed', actions: 'noteError' },
        ],
        CLOSE: { target: 'closed', actions: 'noteError' },
      },
    },
    backoff: {
      after: { backoff: { target: 'connecting', actions: 'countAttempt' } },
      on: {
        CONNECT: { target: 'connecting', actions: 'countAttempt' },
        CLOSE: { target: 'closed', actions: 'noteError' },
      },
    },
    closed: { type: 'final' },
  },
});

/** Equal jitter on a capped exponential: [cap / 2, cap], integer milliseconds. */
function backoffDelay(context: PeerLinkContext): number {
  const cap = Math.min(context.maxDelayMs, context.baseDelayMs * 2 ** context.attempt);
  return Math.floor(cap * (0.5 + 0.5 * context.random()));
}

/**
 * Every event type of {@link peerLinkMachine}.
 *
 * @example
 * ```ts
 * peerLinkEventTypes.includes('LINK_DOWN'); // true
 * ```
 */
export const peerLinkEventTypes = [
  'CONNECT',
  'CONNECTED',
  'HANDSHAKE_OK',
  'HANDSHAKE_FAILED',
  'CONNECT_FAILED',
  'LINK_DOWN',
  'CLOSE',
] as const;

/**
 * An event of {@link peerLinkMachine}. Failures carry a short reason that becomes `lastError`
 * (shown as `last_error` by the relay's `GET /peers`).
 *
 * @example
 * ```ts
 * const ev: PeerLinkEvent = { type: 'LINK_DOWN', error: 'close 1006' };
 * ```
 */
export type PeerLinkEvent =
  | { readonly type: 'CONNECT' }
  | { readonly type: 'CONNECTED' }
  | { readonly type: 'HANDSHAKE_OK' }
  | { readonly type: 'HANDSHAKE_FAILED'; readonly error: string }
  | { readonly type: 'CONNECT_FAILED'; readonly error: string }
  | { readonly type: 'LINK_DOWN'; readonly error: string }
  | { readonly type: 'CLOSE'; readonly error?: string };

/**
 * A state of {@link peerLinkMachine}. `closed` is final.
 *
 * @example
 * ```ts
 * const up = (s: PeerLinkState) => s === 'open';
 * ```
 */
export type PeerLinkState = 'idle' | 'connecting' | 'handshaking' | 'open' | 'backoff' | 'closed';

/**
 * Context of {@link peerLinkMachine}.
 *
 * @example
 * ```ts
 * const retrying = (ctx: PeerLinkContext) => ctx.attempt > 0;
 * ```
 */
export interface PeerLinkContext {
  readonly peerId: string;
  /** Retries since the link was last (stably) open. */
  readonly attempt: number;
  /** Retries allowed per outage; `Infinity` retries forever. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Uptime after which `attempt` resets; 0 resets on reaching `open`. */
  readonly stableAfterMs: number;
  /** Delay of the current (or last) backoff. */
  readonly backoffMs: number;
  readonly lastError: string | undefined;
  /** Source of jitter in [0, 1). */
  readonly random: () => number;
}

/**
 * Input of {@link peerLinkMachine}. Defaults follow acp-relay.md §6.1 except `stableAfterMs`
 * (0; the relay plugin passes 10_000).
 *
 * @example
 * ```ts
 * const input: PeerLinkInput = { peerId: 'peer_001', maxAttempts: 5, random: () => 0.5 };
 * ```
 */
export interface PeerLinkInput {
  readonly peerId: string;
  /** Default `Infinity`. */
  readonly maxAttempts?: number;
  /** Default 500. */
  readonly baseDelayMs?: number;
  /** Default 30_000. */
  readonly maxDelayMs?: number;
  /** Default 0. */
  readonly stableAfterMs?: number;
  /** Default `Math.random`. */
  readonly random?: () => number;
}
