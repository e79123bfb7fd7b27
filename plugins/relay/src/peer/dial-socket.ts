import { isRendezvousPaired } from '@troupe/protocol-relay';
import { dialWs, type WsTransport } from '@troupe/transport-ws';

/** Open timeout of one attempt (§6.1: upstream's level-1 limit). */
const OPEN_TIMEOUT_MS = 3_000;

/** What a dial reports: a transport ready for the peer handshake, or why there is none. */
export interface DialHandlers {
  ready(transport: WsTransport): void;
  failed(error: string): void;
}

/** A dial in progress; `cancel` ends it (nothing is reported after). */
export interface DialAttempt {
  cancel(): void;
}

/**
 * Opens one outbound socket. Direct: ready on open. Through a rendezvous (§6.4): ready once the
 * rendezvous has sent `rendezvous.paired`; a close before that (1013 "no host waiting") is a
 * failure. Exactly one of `ready` and `failed` is called, unless the attempt is cancelled.
 *
 * @example
 * dialSocket('ws://127.0.0.1:7801/tok_…', false, { ready: (t) => handshake(t), failed: (e) => retry(e) });
 */
export function dialSocket(url: string, viaRendezvous: boolean, handlers: DialHandlers): DialAttempt {
  const abort = new AbortController();
  let settled = false;
  const fail = (error: string): void => {
    if (settled || abort.signal.aborted) return;
    settled = true;
    handlers.failed(error);
  };
  const ready = (t: WsTransport): void => {
    if (settled || abort.signal.aborted) {
      void t.close(1000);
      return;
    }
    settled = true;
    t.onclose = undefined;
    t.onmessage = undefined;
    handlers.ready(t);
  };
  let opened: WsTransport | undefined;
  dialWs(url, { openTimeoutMs: OPEN_TIMEOUT_MS, maxPayload: 2 * 1024 * 1024, signal: abort.signal }).then((t) => {
    opened = t;
    if (!viaRendezvous) {
      ready(t);
      return;
    }
    t.onclose = () => fail(`closed ${t.closeCode ?? 1006} before the handshake`);
    t.onmessage = (text) => {
      if (isRendezvousPaired(text)) ready(t);
    };
    t.start().catch(() => undefined);
  }, (error: unknown) => fail(error instanceof Error ? (error.message.split(': ').slice(1).join(': ') || error.message) : String(error)));
  return {
    cancel: () => {
      abort.abort();
      opened?.terminate();
    },
  };
}
