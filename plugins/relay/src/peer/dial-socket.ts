import { WebSocket } from 'ws';

/** Open timeout of one attempt (§6.1: upstream's level-1 limit). */
const OPEN_TIMEOUT_MS = 3_000;

/** What a dial reports: a socket ready for the peer handshake, or why there is none. */
export interface DialHandlers {
  ready(ws: WebSocket): void;
  failed(error: string): void;
}

/**
 * Opens one outbound socket. Direct: ready on open. Through a rendezvous (§6.4): ready once the
 * rendezvous has sent `rendezvous.paired`; a close before that (1013 "no host waiting") is a
 * failure. Exactly one of `ready` and `failed` is called.
 *
 * @example
 * dialSocket('ws://127.0.0.1:7801/tok_…', false, { ready: (ws) => handshake(ws), failed: (e) => retry(e) });
 */
export function dialSocket(url: string, viaRendezvous: boolean, handlers: DialHandlers): WebSocket {
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: OPEN_TIMEOUT_MS, maxPayload: 2 * 1024 * 1024 });
  let settled = false;
  const fail = (error: string): void => {
    if (settled) return;
    settled = true;
    handlers.failed(error);
  };
  const ready = (): void => {
    if (settled) return;
    settled = true;
    handlers.ready(ws);
  };
  ws.on('error', (e: Error) => fail(e.message || 'connect failed'));
  ws.on('close', (code: number) => fail(`closed ${code} before the handshake`));
  if (!viaRendezvous) {
    ws.once('open', ready);
    return ws;
  }
  const onPaired = (data: Buffer, isBinary: boolean): void => {
    if (isBinary) return;
    try {
      if ((JSON.parse(data.toString('utf8')) as { type?: unknown }).type !== 'rendezvous.paired') return;
    } catch {
      return;
    }
    ws.off('message', onPaired);
    ready();
  };
  ws.on('message', onPaired);
  return ws;
}
