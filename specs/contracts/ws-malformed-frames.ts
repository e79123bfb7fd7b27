import { describe, expect, it } from 'vitest';
import { closePayload, rawWsExchange, wsFrame, type FrameSpec, type RawWsOutcome } from '../support/raw-ws.js';

/** A WebSocket server under test. */
export interface WsServerFixture {
  /** A ws:// URL whose upgrade the server accepts (path and token included). */
  readonly url: string;
  /** The server's `maxPayload` in bytes: one more is an oversized frame. */
  readonly maxPayload: number;
  /**
   * True when the server closes (1000) right after the upgrade, as the relay peer port does for a
   * wrong token: the malformed frame then races that close, and 1000 is a right answer too.
   */
  readonly closesOnOpen?: boolean;
  /** Resolves when the server (and the process it lives in) still serves; rejects otherwise. */
  alive(): Promise<void>;
  dispose(): Promise<void>;
}

/** Close codes a server may answer a broken frame with (1006: it ended the socket without one). */
const PROTOCOL_CLOSE_CODES = new Set([1000, 1001, 1002, 1007, 1008, 1009, 1011]);

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** The eight kinds of RFC 6455 violation of issue 9.1, each with the close code it must get. */
const MALFORMED_KINDS: ReadonlyArray<{ name: string; code: number; bytes: (maxPayload: number) => Buffer }> = [
  { name: 'invalid UTF-8 in a text frame', code: 1007, bytes: () => wsFrame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }) },
  { name: 'declared length over maxPayload', code: 1009, bytes: (max) => wsFrame({ opcode: 0x1, declaredLength: max + 1 }) },
  { name: 'unmasked client frame', code: 1002, bytes: () => wsFrame({ opcode: 0x1, payload: text('{"type":"ping"}'), masked: false }) },
  { name: 'reserved opcode 0x3', code: 1002, bytes: () => wsFrame({ opcode: 0x3, payload: text('x') }) },
  { name: 'RSV1 set without a negotiated extension', code: 1002, bytes: () => wsFrame({ opcode: 0x1, rsv: 0x40, payload: text('{}') }) },
  { name: '200-byte ping (control frames carry at most 125)', code: 1002, bytes: () => wsFrame({ opcode: 0x9, payload: Buffer.alloc(200, 0x61) }) },
  { name: 'continuation frame with no message to continue', code: 1002, bytes: () => wsFrame({ opcode: 0x0, payload: text('tail') }) },
  { name: 'close frame with code 999', code: 1002, bytes: () => wsFrame({ opcode: 0x8, payload: closePayload(999) }) },
];

/** Small deterministic PRNG (mulberry32), so a failing mutation can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Legal frames the mutator starts from: text, binary, fragments, ping, pong, close. */
function seedFrames(maskKey: Uint8Array): Buffer[] {
  const frame = (spec: FrameSpec): Buffer => wsFrame({ ...spec, maskKey });
  const json = text('{"type":"acp.message","message_id":"msg_1","parts":[{"type":"text","content":"hi"}]}');
  return [
    frame({ opcode: 0x1, payload: json }),
    frame({ opcode: 0x2, payload: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]) }),
    Buffer.concat([frame({ opcode: 0x1, payload: text('{"a":'), fin: false }), frame({ opcode: 0x0, payload: text('1}') })]),
    frame({ opcode: 0x9, payload: text('ping') }),
    frame({ opcode: 0xa, payload: text('pong') }),
    frame({ opcode: 0x8, payload: closePayload(1000, 'bye') }),
    frame({ opcode: 0x1, payload: Buffer.alloc(300, 0x41) }),
  ];
}

/** One byte-level mutation of a legal frame: bit flips, byte overwrites, truncation, insertion, splicing. */
function mutateFrame(seed: number): Buffer {
  const rnd = prng(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const seeds = seedFrames(Uint8Array.from([pick(256), pick(256), pick(256), pick(256)]));
  let out = Buffer.from(seeds[pick(seeds.length)]!);
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    switch (pick(6)) {
      case 0: { // flip one bit, biased to the header where the rules live
        const i = rnd() < 0.6 ? pick(Math.min(out.length, 14)) : pick(out.length);
        out[i] = out[i]! ^ (1 << pick(8));
        break;
      }
      case 1: { // overwrite a byte
        out[pick(out.length)] = pick(256);
        break;
      }
      case 2: // truncate
        out = out.subarray(0, pick(out.length + 1));
        break;
      case 3: { // insert random bytes
        const at = pick(out.length + 1);
        const extra = Buffer.from(Array.from({ length: 1 + pick(8) }, () => pick(256)));
        out = Buffer.concat([out.subarray(0, at), extra, out.subarray(at)]);
        break;
      }
      case 4: { // splice two frames
        const other = seeds[pick(seeds.length)]!;
        out = Buffer.concat([out.subarray(0, pick(out.length + 1)), other.subarray(pick(other.length))]);
        break;
      }
      default: // rewrite the opcode and flag byte
        if (out.length > 0) out[0] = pick(256);
    }
    if (out.length === 0) out = Buffer.from([pick(256)]);
  }
  return out;
}

/**
 * Close codes carried by close frames in bytes a client sent (masked frames, read leniently up to
 * the first that does not fit): a server answers a legal close frame by echoing its code.
 */
function clientCloseCodes(bytes: Buffer): number[] {
  const codes: number[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    const masked = (bytes[at + 1]! & 0x80) !== 0;
    let length = bytes[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (offset + 2 > bytes.length) break;
      length = bytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (offset + 8 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(offset));
      offset += 8;
    }
    const key = masked ? bytes.subarray(offset, offset + 4) : Buffer.from([0, 0, 0, 0]);
    if (masked) offset += 4;
    if (offset + length > bytes.length) break;
    if (opcode === 0x8 && length >= 2) codes.push(((bytes[offset]! ^ key[0]!) << 8) | (bytes[offset + 1]! ^ key[1]!));
    at = offset + length;
  }
  return codes;
}

/** Runs `count` exchanges with at most `width` in flight; returns the outcomes in order. */
async function pooled(count: number, width: number, one: (i: number) => Promise<RawWsOutcome>): Promise<RawWsOutcome[]> {
  const out: RawWsOutcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      out[i] = await one(i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

/**
 * The malformed-frame suite of issue 9.1, which every WebSocket server in the project runs: each
 * of the eight RFC 6455 violations gets its close code and leaves the server up, a legitimate but
 * oversized frame gets 1009, and `mutations` byte-level mutations of legal frames (10,000 unless
 * told) never take the server down nor draw a close code outside the protocol-error set.
 */
export function describeMalformedFrames(name: string, make: () => Promise<WsServerFixture>, options: { mutations?: number; seed?: number } = {}): void {
  describe(`malformed WebSocket frames: ${name}`, () => {
    it('answers each of the eight RFC 6455 violations with its close code and stays up', async () => {
      const fx = await make();
      try {
        for (const kind of MALFORMED_KINDS) {
          const outcome = await rawWsExchange(fx.url, kind.bytes(fx.maxPayload), { endAfterMs: 200 });
          expect(outcome.status, kind.name).toBe(101);
          const allowed = fx.closesOnOpen ? [1000, kind.code] : [kind.code];
          expect(allowed, `${kind.name}: close code ${String(outcome.closeCode)}`).toContain(outcome.closeCode);
          await fx.alive();
        }
      } finally {
        await fx.dispose();
      }
    });

    it('closes a legitimate frame one byte over maxPayload with 1009 and stays up', async () => {
      const fx = await make();
      try {
        const big = wsFrame({ opcode: 0x1, payload: Buffer.alloc(fx.maxPayload + 1, 0x61) });
        const outcome = await rawWsExchange(fx.url, big, { endAfterMs: 500 });
        expect(fx.closesOnOpen ? [1000, 1009] : [1009]).toContain(outcome.closeCode);
        await fx.alive();
      } finally {
        await fx.dispose();
      }
    });

    const count = options.mutations ?? 10_000;
    it(`survives ${count.toLocaleString('en-US')} byte-level mutations of legal frames`, async () => {
      const fx = await make();
      const seed = options.seed ?? 0x9a11;
      try {
        // mutateFrame is a pure function of its seed (masking keys included), so a failure replays.
        const outcomes = await pooled(count, 32, (i) => rawWsExchange(fx.url, mutateFrame(seed + i), { timeoutMs: 5_000 }));
        const upgraded = outcomes.filter((o) => o.status === 101).length;
        // A protocol-error code, or the echo of a legal close frame the mutation happened to make.
        const rightCode = (code: number, i: number): boolean => PROTOCOL_CLOSE_CODES.has(code) || clientCloseCodes(mutateFrame(seed + i)).includes(code);
        const bad = outcomes.map((o, i) => ({ o, i })).filter(({ o, i }) => o.closeCode !== undefined && !rightCode(o.closeCode, i));
        expect(bad.map(({ o, i }) => `seed ${seed + i}: close ${String(o.closeCode)}`)).toEqual([]);
        // Every exchange reached the frame parser: none was refused at the HTTP level.
        expect(upgraded).toBe(count);
        await fx.alive();
      } finally {
        await fx.dispose();
      }
    }, 120_000);
  });
}
