// Issues 9.3, 9.4, 9.7 and 10 (interop) against real `troupe relay` processes on loopback: deep
// JSON, odd HTTP, connect/close floods and card spoofing from a link holder without the secret,
// and unsigned frames as an upstream peer sends them, with and without --require-signed.
import { formatTimestamp, hmacSignature, parseLink } from '@troupe/protocol-relay';
import { afterEach, describe, expect, it } from 'vitest';
import { get, http, post, sse, until, RawClient, rawPeer, type RawPeer } from '@troupe/plugin-relay/testing';
import { startRelayProcess, type RelayProcess } from './cli-process.js';

const SECRET = 's3cr3t';
const procs: RelayProcess[] = [];
const peers: RawPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await Promise.all(procs.splice(0).map((p) => p.stop()));
});

async function relay(...args: string[]): Promise<RelayProcess> {
  const p = await startRelayProcess(['--port', '0', '--log-level', 'warn', ...args]);
  procs.push(p);
  return p;
}

/** A raw WebSocket client that holds the node's link (its token), and nothing else. */
async function linkHolder(p: RelayProcess): Promise<RawPeer> {
  const link = parseLink(p.link);
  if (!link.ok) throw new Error(link.error);
  const raw = await rawPeer(link.value.port, link.value.token);
  peers.push(raw);
  return raw;
}

const deepText = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const status = async (p: RelayProcess): Promise<any> => (await get(p.api, '/status')).body;
/** The warn lines the process logged for dropped frames (JSON log lines on a pipe). */
const rejections = (p: RelayProcess): any[] => p.stderr().split('\n').filter((l) => l.includes('relay frame rejected')).map((l) => JSON.parse(l));

describe('hostile input against a troupe relay process', () => {
  it('issue 9.3: deep JSON in a body, a peer frame and a card is refused; every route keeps answering', async () => {
    const A = await relay('--name', 'Target');
    const body = await post(A.api, '/tasks', `{"payload":{"role":"user","deep":${deepText(5_000)}}}`);
    expect(body.status).toBe(400);
    expect(body.body.error_code).toBe('ERR_INVALID_REQUEST');
    const raw = await linkHolder(A);
    raw.send(`{"type":"acp.message","message_id":"deep","parts":[{"type":"data","data":${deepText(5_000)}}]}`);
    raw.send(`{"type":"acp.agent_card","card":{"name":"Deep","skills":${deepText(5_000)}}}`);
    raw.send({ type: 'acp.message', message_id: 'fine', parts: [{ type: 'text', content: 'fine' }] });
    await until(async () => (await status(A)).messages_received === 1, 10_000, 'the shallow message');
    expect((await status(A)).messages_rejected).toBe(2);
    for (const path of ['/tasks', '/history', '/messages', '/status', '/peers', '/.well-known/acp.json', '/recv']) {
      expect((await get(A.api, path)).status, path).toBe(200);
    }
    await until(() => rejections(A).length === 2, 5_000, 'two warn lines');
    for (const line of rejections(A)) expect(line).toMatchObject({ peer: 'peer_001', reason: 'frame is JSON nested deeper than 512 levels' });
  }, 30_000);

  it('issue 9.7: two Host headers, LF-only, HTTP/0.9 and a TLS ClientHello get 400 and a close', async () => {
    const A = await relay('--name', 'Target');
    const port = Number(new URL(A.api).port);
    const cases: (string | Buffer)[] = [
      'GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /status HTTP/1.1\nHost: 127.0.0.1\n\n',
      'GET /status\r\n',
      Buffer.from('16030100a5010000a10303', 'hex'),
    ];
    for (const bytes of cases) {
      const c = await RawClient.open(port);
      try {
        await c.write(bytes);
        const r = await c.response();
        expect(r.status, JSON.stringify(bytes.toString('latin1'))).toBe(400);
        expect(JSON.parse(r.body).error_code).toBe('ERR_INVALID_REQUEST');
        await c.closed();
      } finally {
        c.destroy();
      }
    }
  }, 30_000);

  it('issue 9.4: connect/close cycles leave a bounded /peers, and a link holder without the secret cannot rename a verified peer', async () => {
    const A = await relay('--name', 'AgentA', '--secret', SECRET);
    for (let i = 0; i < 200; i++) {
      const raw = await linkHolder(A);
      await new Promise<void>((resolve) => {
        raw.ws.once('close', () => resolve());
        raw.close();
      });
    }
    await until(async () => (await get(A.api, '/peers')).body.peers.every((p: any) => !p.connected), 10_000, 'all closed');
    expect((await get(A.api, '/peers')).body.count).toBeLessThanOrEqual(32);
    const B = await relay('--name', 'AgentB', '--secret', SECRET, '--join', A.link);
    await until(async () => (await status(A)).peer_card?.name === 'AgentB', 10_000, 'B verified on A');
    const spoofer = await linkHolder(A);
    spoofer.send({ type: 'acp.agent_card', message_id: 'card_000000000001', ts: formatTimestamp(Date.now()), card: { name: 'AgentB (spoofed)' } });
    await until(async () => (await get(A.api, '/peers')).body.peers.some((p: any) => p.agent_name === 'AgentB (spoofed)'), 10_000, 'spoofer listed as itself');
    expect((await status(A)).peer_card.name).toBe('AgentB');
    expect((await status(B)).connected).toBe(true);
  }, 60_000);

  it('issue 10: unsigned frames (as upstream sends /peer/{id}/send and queue replays) are accepted as unverified with --secret, dropped visibly with --require-signed', async () => {
    const open = await relay('--name', 'Open', '--secret', SECRET);
    const strict = await relay('--name', 'Strict', '--secret', SECRET, '--require-signed');
    for (const [p, delivered] of [[open, true], [strict, false]] as const) {
      const stream = sse(p.api, '/stream');
      await stream.headers;
      const raw = await linkHolder(p);
      raw.send({ type: 'acp.message', message_id: 'unsigned-1', from: 'Upstream', role: 'user', parts: [{ type: 'text', content: 'hi' }] });
      const ts = formatTimestamp(Date.now());
      raw.send({ type: 'acp.message', message_id: 'forged-1', ts, sig: hmacSignature('wrong', 'forged-1', ts), parts: [{ type: 'text', content: 'x' }] });
      raw.send({ type: 'acp.message', message_id: 'signed-1', ts, sig: hmacSignature(SECRET, 'signed-1', ts), parts: [{ type: 'text', content: 'ok' }] });
      await until(async () => (await status(p)).messages_received === (delivered ? 2 : 1), 10_000, 'delivered');
      expect((await status(p)).messages_rejected).toBe(delivered ? 1 : 2);
      const entries = (await http(p.api, 'GET', '/recv')).body.messages;
      expect(entries.map((e: any) => [e.message_id, e.verified])).toEqual(delivered ? [['unsigned-1', []], ['signed-1', ['hmac']]] : [['signed-1', ['hmac']]]);
      await until(() => stream.events.filter((e) => e.type === 'rejected').length === (delivered ? 1 : 2), 5_000, 'rejected events');
      await until(() => rejections(p).length === (delivered ? 1 : 2), 5_000, 'warn lines');
      expect(rejections(p).map((l) => l.message_id)).toEqual(delivered ? ['forged-1'] : ['unsigned-1', 'forged-1']);
      stream.close();
    }
  }, 60_000);
});
