import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkHmacSignature, formatTimestamp, generateEd25519Identity, hmacSignature, signFrame,
} from '@troupe/protocol-relay';
import { WebSocket } from 'ws';
import { connectedPair, get, post, sse, startNode, until, type TestNode, rawPeer } from '@troupe/plugin-relay/testing';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

const SECRET = 's3cr3t';
const msg = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'acp.message', message_id: id, ts: formatTimestamp(Date.now()), from: 'Raw', role: 'user', parts: [{ type: 'text', content: id }], ...extra,
});
const status = async (n: TestNode) => (await get(n.base, '/status')).body;

describe('signing and --secret enforcement', () => {
  it('two nodes with a shared secret sign every frame and verify each other', async () => {
    const { A, B } = await connectedPair({ secret: SECRET }, { secret: SECRET });
    running.push(A, B);
    await post(B.base, '/message:send', { role: 'user', text: 'signed', message_id: 's-1' });
    const entry = await until(async () => (await get(A.base, '/recv')).body.messages.find((m: any) => m.message_id === 's-1'));
    expect(entry.verified).toEqual(['hmac']);
    expect(checkHmacSignature(entry.raw, SECRET, { nowMs: Date.now() }).status).toBe('valid');
    expect((await get(A.base, '/.well-known/acp.json')).body.self).toMatchObject({ trust: { scheme: 'hmac-sha256', enabled: true }, capabilities: { hmac_signing: true } });
  });

  it('issue 10: with a secret, unsigned frames are accepted as unverified by default and dropped only with requireSigned (§2.7.1); wrong and stale signatures are dropped either way (§7.8)', async () => {
    const A = await startNode({ name: 'Default', secret: SECRET });
    const S = await startNode({ name: 'Strict', secret: SECRET, requireSigned: true });
    const C = await startNode({ name: 'Compat', secret: SECRET, hmacCompat: true }); // the old flag: now the default
    running.push(A, S, C);
    for (const [n, unsignedDelivered] of [[A, true], [S, false], [C, true]] as const) {
      const raw = await rawPeer(n.plugin.port, n.plugin.node.token);
      await until(() => raw.frames.length > 0);
      expect(raw.frames[0].type).toBe('acp.agent_card');
      expect(raw.frames[0].sig).toBe(hmacSignature(SECRET, raw.frames[0].message_id, raw.frames[0].ts));
      const good = msg('good');
      raw.send({ ...good, sig: hmacSignature(SECRET, 'good', good.ts) });
      raw.send({ ...msg('wrong'), sig: 'ab'.repeat(32) });
      const oldTs = formatTimestamp(Date.now() - 3_600_000);
      raw.send({ ...msg('stale', { ts: oldTs }), sig: hmacSignature(SECRET, 'stale', oldTs) });
      raw.send(msg('unsigned'));
      raw.send({ type: 'acp.agent_card', message_id: 'card_000000000001', ts: formatTimestamp(Date.now()), card: { name: 'Raw' } });
      const last = msg('last');
      raw.send({ ...last, sig: hmacSignature(SECRET, 'last', last.ts) });
      await until(async () => (await status(n)).messages_received === (unsignedDelivered ? 3 : 2), 5_000, `${n.plugin.node.config.name} delivered`);
      expect((await status(n)).messages_rejected).toBe(unsignedDelivered ? 2 : 3);
      const entries = (await get(n.base, '/recv')).body.messages;
      expect(entries.map((m: any) => m.message_id)).toEqual(unsignedDelivered ? ['good', 'unsigned', 'last'] : ['good', 'last']);
      expect(entries[0].verified).toEqual(['hmac']);
      if (unsignedDelivered) expect(entries[1].verified).toEqual([]);
      expect((await get(n.base, '/peers')).body.peers[0].agent_card).toEqual({ name: 'Raw' });
      raw.close();
    }
  });

  it('issue 10: every dropped frame is visible: a warn log naming peer and reason, a dead letter, messages_rejected, and a rejected event on /stream and /ws/stream', async () => {
    const A = await startNode({ name: 'Watched', secret: SECRET });
    running.push(A);
    const logs: any[] = [];
    const dead: any[] = [];
    const subs = [
      A.system.inspect$.subscribe((e: any) => e.type === '@troupe.log' && e.level === 'warn' && logs.push(e)),
      A.system.deadLetters$.subscribe((d) => dead.push(d)),
    ];
    const ws = new WebSocket(`ws://127.0.0.1:${A.plugin.httpPort}/ws/stream`);
    const wsFrames: any[] = [];
    ws.on('message', (d) => wsFrames.push(JSON.parse(d.toString())));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const stream = sse(A.base, '/stream');
    await stream.headers;
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    const peerId = await until(async () => (await get(A.base, '/peers')).body.peers[0]?.id as string);
    raw.send({ ...msg('forged'), sig: 'ab'.repeat(32) });
    raw.send('{"not json');
    await until(() => dead.length === 2 && stream.events.filter((e) => e.type === 'rejected').length === 2 && wsFrames.filter((f) => f.event === 'acp.rejected').length === 2);
    expect((await status(A)).messages_rejected).toBe(2);
    const reasons = logs.filter((l) => l.msg === 'relay frame rejected').map((l) => l.data);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatchObject({ peer: peerId, message_id: 'forged' });
    expect(reasons[0].reason).toMatch(/sig/);
    expect(reasons[1].peer).toBe(peerId);
    expect(reasons[1].reason).toMatch(/not valid JSON/);
    expect(dead.map((d) => [d.reason, d.sender, d.message.id, d.detail])).toEqual([
      ['rejected', peerId, 'forged', reasons[0].reason],
      ['rejected', peerId, expect.stringMatching(/^rejected-/), reasons[1].reason],
    ]);
    expect(dead[0].message.parts[0]).toMatchObject({ type: 'data', data: { message_id: 'forged' } });
    expect(dead[1].message.parts[0]).toEqual({ type: 'text', text: '{"not json' });
    const events = stream.events.filter((e) => e.type === 'rejected');
    expect(events[0]).toMatchObject({ type: 'rejected', peer_id: peerId, message_id: 'forged', reason: reasons[0].reason });
    expect(events[1]).toMatchObject({ type: 'rejected', peer_id: peerId, reason: reasons[1].reason });
    expect(events[1].message_id).toBeUndefined();
    expect(wsFrames.filter((f) => f.event === 'acp.rejected').map((f) => f.data.reason)).toEqual([reasons[0].reason, reasons[1].reason]);
    for (const sub of subs) sub.unsubscribe();
    stream.close();
    ws.close();
    raw.close();
  });

  it('issue 10: requireSigned needs a secret and contradicts hmacCompat', async () => {
    await expect(startNode({ requireSigned: true })).rejects.toThrow('requireSigned needs a secret');
    await expect(startNode({ secret: SECRET, requireSigned: true, hmacCompat: true })).rejects.toThrow('requireSigned and hmacCompat contradict each other');
  });

  it('verifies the captured upstream Ed25519 frames and drops a tampered one (checklist 25, 33)', async () => {
    const vectors = fixture('ed25519-signed-frames.json').vectors;
    const A = await startNode({ name: 'Verifier', secret: SECRET, hmacCompat: true, hmacWindowSeconds: 10 ** 9 });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    for (const v of vectors) raw.send(v.frame_text);
    const tampered = JSON.parse(vectors[0].frame_text);
    tampered.message_id = 'tampered';
    tampered.sig = hmacSignature(SECRET, 'tampered', tampered.ts);
    raw.send(tampered);
    await until(async () => (await status(A)).messages_received === vectors.length && (await status(A)).messages_rejected === 1);
    const entries = (await get(A.base, '/recv')).body.messages;
    expect(entries[0].verified).toEqual(['hmac', 'ed25519']);
    expect(entries[0].verified_key).toBe(vectors[0].frame.identity.public_key);
    raw.close();
  });

  it('pins the key of the connection card: a frame signed by another key is dropped', async () => {
    const A = await startNode({ name: 'Pin' });
    running.push(A);
    const mine = generateEd25519Identity();
    const other = generateEd25519Identity();
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    raw.send({ type: 'acp.agent_card', message_id: 'card_000000000002', ts: formatTimestamp(Date.now()), card: { name: 'Raw', identity: { scheme: 'ed25519', public_key: mine.publicKey } } });
    raw.send(signFrame(msg('by-mine'), { identity: mine }));
    raw.send(signFrame(msg('by-other'), { identity: other }));
    await until(async () => (await status(A)).messages_rejected === 1 && (await status(A)).messages_received === 1);
    expect((await get(A.base, '/recv')).body.messages[0].message_id).toBe('by-mine');
    raw.close();
  });

  it('sig_body: a frame whose parts were altered after signing is dropped; missing sig_body is dropped once advertised (checklist 34)', async () => {
    const A = await startNode({ name: 'Body', secret: SECRET, hmacBody: true });
    running.push(A);
    const raw = await rawPeer(A.plugin.port, A.plugin.node.token);
    await until(() => raw.frames.length > 0);
    expect(typeof raw.frames[0].sig_body).toBe('string');
    raw.send(signFrame(msg('intact'), { secret: SECRET, hmacBody: true }));
    const altered: any = signFrame(msg('altered'), { secret: SECRET, hmacBody: true });
    altered.parts = [{ type: 'text', content: 'evil' }];
    raw.send(altered);
    await until(async () => (await status(A)).messages_received === 1 && (await status(A)).messages_rejected === 1);
    // once the peer's card advertises sig_body, frames without it are refused
    raw.send(signFrame({ type: 'acp.agent_card', message_id: 'card_000000000003', ts: formatTimestamp(Date.now()), card: { name: 'Raw', extensions: [{ uri: 'urn:troupe:acp:hmac-body:v1', required: false }] } }, { secret: SECRET }));
    const noBody = msg('no-body');
    raw.send({ ...noBody, sig: hmacSignature(SECRET, 'no-body', noBody.ts) });
    await until(async () => (await status(A)).messages_rejected === 2);
    raw.close();
  });

  it('item 52 (identity half): JWKS, DID document, signed card, Ed25519 on frames', async () => {
    const identity = generateEd25519Identity();
    const { A, B } = await connectedPair({ identity }, {});
    running.push(A, B);
    const jwks = (await get(A.base, '/.well-known/jwks.json')).body;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: `AgentA:${identity.publicKey.slice(0, 8)}` });
    const did = (await get(A.base, '/.well-known/did.json')).body;
    expect(did.id).toBe(`did:key:${did.verificationMethod[0].publicKeyMultibase}`);
    expect((await get(B.base, '/peer/verify')).body).toMatchObject({ verified: true, did_consistent: true });
    await post(A.base, '/message:send', { role: 'user', text: 'signed by A', message_id: 'ed-1' });
    const entry = await until(async () => (await get(B.base, '/recv')).body.messages.find((m: any) => m.message_id === 'ed-1'));
    expect(entry.verified).toEqual(['ed25519']);
  });
});
