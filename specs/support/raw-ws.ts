import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** What one raw WebSocket exchange observed. */
export interface RawWsOutcome {
  /** HTTP status of the upgrade answer (101 when the handshake completed). */
  readonly status: number;
  /** Close code of the server's close frame; undefined when it sent none before the socket ended. */
  readonly closeCode: number | undefined;
  /** Opcodes of every frame the server sent, in order. */
  readonly opcodes: number[];
}

/** Options of one frame built by {@link wsFrame}. */
export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array;
  readonly fin?: boolean;
  /** RSV1..RSV3 bits, as the high nibble's lower three bits (0x40, 0x20, 0x10). */
  readonly rsv?: number;
  /** Client frames are masked (RFC 6455 §5.1); false builds the illegal unmasked kind. */
  readonly masked?: boolean;
  /** Declared payload length, when it should differ from the payload actually sent. */
  readonly declaredLength?: number;
  /** The 4-byte masking key (random unless given, e.g. for reproducible frames). */
  readonly maskKey?: Uint8Array;
}

/** Encodes one WebSocket frame byte for byte, legal or not. */
export function wsFrame(spec: FrameSpec): Buffer {
  const payload = Buffer.from(spec.payload ?? new Uint8Array());
  const masked = spec.masked ?? true;
  const length = spec.declaredLength ?? payload.length;
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | (spec.rsv ?? 0) | (spec.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = BigInt(length);
    for (let i = 7; i >= 0; i--) head.push(Number((big >> BigInt(i * 8)) & 0xffn));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const key = spec.maskKey ?? randomBytes(4);
  const body = Buffer.allocUnsafe(payload.length);
  for (let i = 0; i < payload.length; i++) body[i] = payload[i]! ^ key[i & 3]!;
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** A close frame's payload: the 2-byte code, then the reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}

/**
 * Opens a TCP connection to a ws:// URL, performs the upgrade by hand, writes `bytes` (any bytes,
 * legal frames or not), ends its side after `endAfterMs`, and reports what the server answered.
 * Bounded: the socket is destroyed after `timeoutMs` whatever happens.
 */
export function rawWsExchange(url: string, bytes: Buffer, options: { endAfterMs?: number; timeoutMs?: number } = {}): Promise<RawWsOutcome> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port);
  const path = `${u.pathname}${u.search}`;
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port });
    let buffer = Buffer.alloc(0);
    let status = 0;
    let closeCode: number | undefined;
    const opcodes: number[] = [];
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      socket.destroy();
      resolve({ status, closeCode, opcodes });
    };
    const guard = setTimeout(finish, options.timeoutMs ?? 5_000);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (status === 0) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.subarray(0, end).toString('latin1'))?.[1] ?? -1);
        buffer = buffer.subarray(end + 4);
        if (status !== 101) return finish();
        if (bytes.length > 0) socket.write(bytes);
        setTimeout(() => socket.end(), options.endAfterMs ?? 0);
      }
      // Server frames are unmasked; read as many whole frames as have arrived.
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        opcodes.push(opcode);
        if (opcode === 0x8 && closeCode === undefined) closeCode = length >= 2 ? buffer.readUInt16BE(offset) : 1005;
        buffer = buffer.subarray(offset + length);
      }
    });
  });
}
