import { WebSocket } from 'ws';

/** A raw WebSocket peer that records every frame it receives. */
export interface RawPeer {
  readonly ws: WebSocket;
  readonly frames: any[];
  send(frame: unknown): void;
  close(): void;
}

/** Dials a relay node's peer WebSocket with `token` as a bare peer (no Troupe on this side); resolves once open. */
export async function rawPeer(port: number, token: string): Promise<RawPeer> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/${token}`);
  const frames: any[] = [];
  ws.on('message', (d) => {
    try {
      frames.push(JSON.parse(d.toString()));
    } catch {
      frames.push(d.toString());
    }
  });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  return {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    close: () => ws.close(),
  };
}
