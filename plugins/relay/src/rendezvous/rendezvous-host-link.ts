import { dialWs, type WsTransport } from '@troupe/transport-ws';
import type { Clock, TimerHandle } from '@troupe/runtime';
import { isRendezvousPaired, rendezvousId } from '@troupe/protocol-relay';

/**
 * The link owner's side of the rendezvous (§6.4): keeps one idle waiting socket at
 * `/rv/<rid>?side=host`; when the rendezvous pairs it, hands it over as a peer connection (a
 * started `WsTransport`: the next frames go to whoever sets `onmessage`) and opens the next
 * waiting socket. Reconnects with a short capped delay when the rendezvous is away.
 *
 * @example
 * const rv = new RendezvousHostLink('ws://127.0.0.1:7700', () => token, (t) => peers.accept(t, 'relay'), log, host.clock);
 * rv.start();
 */
export class RendezvousHostLink {
  private stopped = false;
  private current: WsTransport | undefined;
  private dialling: AbortController | undefined;
  private delayMs = 250;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly url: string,
    private readonly token: () => string,
    private readonly onPaired: (transport: WsTransport) => void,
    private readonly log: (msg: string) => void,
    /** The clock of the reconnect delay. */
    private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.stopped) return;
    const abort = new AbortController();
    this.dialling = abort;
    dialWs(`${this.url.replace(/\/+$/, '')}/rv/${rendezvousId(this.token())}?side=host`, { signal: abort.signal }).then((t) => {
      if (this.stopped) {
        t.terminate();
        return;
      }
      this.current = t;
      this.delayMs = 250;
      t.onmessage = (text) => {
        if (!isRendezvousPaired(text)) return;
        t.onmessage = undefined;
        t.onclose = undefined;
        this.current = undefined;
        this.onPaired(t);
        this.start();
      };
      t.onclose = () => this.retry('rendezvous waiting socket closed; reopening');
      t.start().catch(() => undefined);
    }, () => this.retry('rendezvous unreachable; retrying'));
  }

  private retry(why: string): void {
    if (this.stopped) return;
    this.log(why);
    this.timer = this.clock.setTimeout(() => this.start(), this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, 5_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.dialling?.abort();
    this.current?.terminate();
  }
}
