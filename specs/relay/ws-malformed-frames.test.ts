// Issue 9.1: one malformed WebSocket frame must never take a relay node down. Every WebSocket
// server of the relay plugin runs the shared malformed-frame suite: the peer port with the right
// token and with a wrong one, `/ws/stream`, and the rendezvous server's waiting sockets.
import { RendezvousServer } from '@troupe/plugin-relay';
import { MAX_MSG_BYTES } from '@troupe/protocol-relay';
import { describeMalformedFrames, type WsServerFixture } from '../contracts/ws-malformed-frames.js';
import { get, startNode } from '@troupe/plugin-relay/testing';
import { startRelayProcess } from './cli-process.js';

/** The peer port's limit: a little over `max_msg_bytes` (§2.6). */
const PEER_MAX_PAYLOAD = MAX_MSG_BYTES + 64 * 1024;

async function relayFixture(path: (link: URL) => string, maxPayload: number, closesOnOpen = false): Promise<WsServerFixture> {
  const node = await startNode({ name: 'Target' });
  const link = new URL(node.plugin.link.replace(/^acp:/, 'ws:'));
  return {
    url: `ws://127.0.0.1:${node.plugin.port}${path(link)}`,
    maxPayload,
    closesOnOpen,
    alive: async () => {
      const status = await get(node.base, '/status');
      if (status.status !== 200) throw new Error(`/status answered ${status.status}`);
    },
    dispose: () => node.stop(),
  };
}

describeMalformedFrames('relay peer port, right token', () => relayFixture((l) => l.pathname, PEER_MAX_PAYLOAD));
describeMalformedFrames('relay peer port, wrong token', () => relayFixture(() => '/tok_wrong', PEER_MAX_PAYLOAD, true));

describeMalformedFrames('relay /ws/stream', async () => {
  const node = await startNode({ name: 'Target' });
  return {
    url: `${node.base.replace(/^http:/, 'ws:')}/ws/stream`,
    maxPayload: 64 * 1024,
    alive: async () => {
      const status = await get(node.base, '/status');
      if (status.status !== 200) throw new Error(`/status answered ${status.status}`);
    },
    dispose: () => node.stop(),
  };
});

describeMalformedFrames('rendezvous server (waiting host socket)', async () => {
  // Every exchange waits as a host on the same rid: room for all the suite keeps in flight.
  const rv = await RendezvousServer.listen({ port: 0, maxWaiting: 64 });
  const rid = 'a'.repeat(64);
  return {
    url: `${rv.url}/rv/${rid}?side=host`,
    maxPayload: 1024 * 1024 + 4096,
    alive: async () => {
      const res = await fetch(`${rv.url.replace(/^ws:/, 'http:')}/`);
      if (res.status !== 404) throw new Error(`rendezvous answered ${res.status}`);
    },
    dispose: () => rv.close(),
  };
});

// The reported crash, end to end: a real `troupe relay` process (exit 1 before the fix).
async function processFixture(tokenPath: (link: URL) => string, closesOnOpen: boolean): Promise<WsServerFixture> {
  const proc = await startRelayProcess(['--name', 'Target', '--port', '0', '--http-port', '0']);
  const link = new URL(proc.link.replace(/^acp:/, 'ws:'));
  return {
    url: `ws://${link.host}${tokenPath(link)}`,
    maxPayload: PEER_MAX_PAYLOAD,
    closesOnOpen,
    alive: async () => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`troupe relay exited (${String(proc.child.exitCode ?? proc.child.signalCode)})`);
      const res = await fetch(`${proc.api}/status`);
      if (res.status !== 200) throw new Error(`/status answered ${res.status}`);
    },
    dispose: () => proc.stop(),
  };
}

describeMalformedFrames('troupe relay process, right token', () => processFixture((l) => l.pathname, false), { mutations: 2_000 });
describeMalformedFrames('troupe relay process, wrong token', () => processFixture(() => '/tok_wrong', true), { mutations: 2_000 });
