import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { TroupeError } from '@troupe/runtime';
import { WsTransport, remoteOf, type WsTransportOptions } from './ws-transport.js';

/** Options of {@link dialWs}. */
export interface DialWsOptions extends WsTransportOptions {
  /** The opening handshake must finish within this. Default 3,000 ms. */
  readonly openTimeoutMs?: number;
  /** Frames above this close the socket with 1009. Default 2 MiB. */
  readonly maxPayload?: number;
  /** Aborting ends the attempt at once (the promise rejects with `CANCELLED`). */
  readonly signal?: AbortSignal;
}

/**
 * Dials a WebSocket and resolves with its open {@link WsTransport} (not yet started: set the
 * handlers, then `start()`); rejects with `CONNECT_FAILED` naming the URL when the connection is
 * refused, the handshake fails or does not finish within `openTimeoutMs`; with `INVALID_ADDRESS`
 * for a URL that is not a ws:// or wss:// one.
 *
 * @example
 * const t = await dialWs('ws://127.0.0.1:7801/tok_abc', { openTimeoutMs: 3_000 });
 * t.onmessage = (text) => handle(text);
 * await t.start();
 */
export function dialWs(url: string, options: DialWsOptions = {}): Promise<WsTransport> {
  return new Promise((resolve, reject) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: options.openTimeoutMs ?? 3_000, maxPayload: options.maxPayload ?? 2 * 1024 * 1024 });
    } catch (error) {
      // ws throws a bare SyntaxError for a URL it cannot dial; say so in our own terms.
      reject(new TroupeError('INVALID_ADDRESS', `cannot dial ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      return;
    }
    let socket: Socket | undefined;
    function onAbort(): void {
      ws.terminate();
      reject(new TroupeError('CANCELLED', `dialling ${url} was cancelled`));
    }
    // The TCP socket is public in the 'upgrade' event's response (ws keeps its own copy private).
    ws.once('upgrade', (res: IncomingMessage) => {
      socket = res.socket as Socket;
    });
    const fail = (why: string): void => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new TroupeError('CONNECT_FAILED', `could not open ${url}: ${why}`));
    };
    const onError = (e: Error): void => fail(e.message || 'connect failed');
    const onClose = (code: number): void => fail(`closed ${code} before it opened`);
    ws.on('error', onError);
    ws.once('close', onClose);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('open', () => {
      ws.off('error', onError);
      ws.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(new WsTransport(ws, socket, remoteOf(socket?.remoteAddress, socket?.remotePort), options));
    });
  });
}
