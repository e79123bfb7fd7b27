import { WebSocket } from 'ws';
import { rendezvousId } from './rendezvous-id.js';

/**
 * The link owner's side of the rendezvous (§6.4): keeps one idle waiting socket at
 * `/rv/<rid>?side=host`; when the rendezvous pairs it, hands it over as a peer connection and
 * opens the next waiting socket. Reconnects with a short capped delay when the rendezvous is away.
 *
 * @example
 * const rv = new RendezvousHostLink('ws://127.0.0.1:7700', () => token, (ws) => peers.accept(ws, 'rendezvous', 'relay'), log);
 * rv.start();
 */
export class RendezvousHostLink {
  private stopped = false;
  private current: WebSocket | undefined;
  private delayMs = 250;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly token: () => string,
    private readonly onPaired: (ws: WebSocket) => void,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    if (this.stopped) return;
    const ws = new WebSocket(`${this.url.replace(/\/+$/, '')}/rv/${rendezvousId(this.token())}?side=host`, { perMessageDeflate: false });
    this.current = ws;
    let paired = false;
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (isBinary || paired) return;
      try {
        const msg = JSON.parse(data.toString('utf8')) as { type?: unknown };
        if (msg.type !== 'rendezvous.paired') return;
      } catch {
        return;
      }
      paired = true;
      ws.off('message', onMessage);
      this.delayMs = 250;
      this.current = undefined;
      this.onPaired(ws);
      this.start();
    };
    ws.on('message', onMessage);
    ws.on('open', () => {
      this.delayMs = 250;
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (paired || this.stopped) return;
      this.log('rendezvous waiting socket closed; reopening');
      this.timer = setTimeout(() => this.start(), this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, 5_000);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.current?.terminate();
  }
}
