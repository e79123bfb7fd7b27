import { describe, expect, test } from 'vitest';
import {
  addFrameIdentity,
  buildAgentCard,
  buildDidDocument,
  buildJwks,
  buildMessageFrame,
  checkCardSignature,
  checkFrameIdentity,
  checkHttpSignature,
  didAcp,
  didKey,
  didMatchesKey,
  ed25519IdentityFromKeyFile,
  ed25519IdentityFromSeed,
  encodeFrame,
  generateEd25519Identity,
  httpSignatureKeyId,
  parseLosslessJson,
  parseTimestamp,
  prepareOutboundFrame,
  signAgentCard,
  signHttpMessage,
  textPart,
  UNSIGNED_CARD_ERROR,
  verifyInboundFrame,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const fx = loadFixture('ed25519-signed-frames.json');
const seedIdentity = ed25519IdentityFromSeed(new Uint8Array(32).map((_, i) => i + 1));

test('R25: the captured frames verify with their public keys; any changed content character fails', () => {
  for (const v of fx.vectors) {
    expect(checkFrameIdentity(v.frame_text)).toEqual({ status: 'valid', publicKey: v.public_key_b64url });
    expect(checkFrameIdentity(v.frame)).toEqual({ status: 'valid', publicKey: v.public_key_b64url });
    const content: string = v.frame.parts[0].content;
    const changed = v.frame_text.replace(`"${content}"`, `"${content.slice(0, -1)}X"`);
    expect(changed).not.toBe(v.frame_text);
    expect(checkFrameIdentity(changed).status).toBe('invalid');
  }
});

test('did:key and did:acp derive from the captured keys', () => {
  for (const v of fx.vectors) {
    expect(didKey(v.public_key_b64url)).toBe(v.did_key);
    expect(v.frame.identity.did).toBe(v.did_key);
    expect(didMatchesKey(v.did_key, v.public_key_b64url)).toBe(true);
    expect(didMatchesKey(didAcp(v.public_key_b64url), v.public_key_b64url)).toBe(true);
    expect(didMatchesKey(v.did_key, fx.vectors[0] === v ? fx.vectors[1].public_key_b64url : fx.vectors[0].public_key_b64url)).toBe(false);
  }
});

describe('signing', () => {
  const frame = buildMessageFrame({ from: 'TroupeA', role: 'user', parts: [textPart('hi')], message_id: 'm1', ts: '2026-11-21T16:25:43.370000Z' });

  test('a signed frame verifies and carries the identity block of §2.7.3', () => {
    const signed = addFrameIdentity(frame, seedIdentity);
    expect(signed.identity).toMatchObject({ scheme: 'ed25519', public_key: seedIdentity.publicKey, pubkey_b64: seedIdentity.publicKey, did: seedIdentity.didKey });
    expect(signed.identity.sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(seedIdentity.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seedIdentity.didKey.startsWith('did:key:z6Mk')).toBe(true);
    expect(checkFrameIdentity(encodeFrame(signed))).toEqual({ status: 'valid', publicKey: seedIdentity.publicKey });
  });

  test('the Ed25519 signature covers sig and sig_body (signing order of §2.7.2)', () => {
    const out = prepareOutboundFrame(frame, { secret: 's', hmacBody: true, identity: seedIdentity });
    expect(Object.keys(out.frame).slice(-3)).toEqual(['sig', 'sig_body', 'identity']);
    expect(checkFrameIdentity(out.text).status).toBe('valid');
    expect(checkFrameIdentity(out.text.replace(/"sig":"[0-9a-f]/, '"sig":"g')).status).toBe('invalid');
  });

  test('card frames get no identity block', () => {
    const card = { type: 'acp.agent_card', message_id: 'card_000000000000', ts: frame.ts ?? '', card: { name: 'X' } };
    expect(prepareOutboundFrame(card, { identity: seedIdentity }).frame).not.toHaveProperty('identity');
  });

  test('R33: an invalid signature is dropped, and so is a valid one from a key other than the card key', () => {
    const now = parseTimestamp(frame.ts) ?? 0;
    const signed = encodeFrame(addFrameIdentity(frame, seedIdentity));
    expect(verifyInboundFrame(signed, JSON.parse(signed), { nowMs: now })).toEqual({ accept: true, verified: ['ed25519'], verifiedKey: seedIdentity.publicKey });
    const broken = signed.replace('"hi"', '"ho"');
    expect(verifyInboundFrame(broken, JSON.parse(broken), { nowMs: now }).accept).toBe(false);
    const other = generateEd25519Identity();
    expect(verifyInboundFrame(signed, JSON.parse(signed), { nowMs: now, pinnedPublicKey: other.publicKey }).accept).toBe(false);
    expect(verifyInboundFrame(signed, JSON.parse(signed), { nowMs: now, pinnedPublicKey: seedIdentity.publicKey }).accept).toBe(true);
  });

  test('malformed identity blocks are invalid, never thrown', () => {
    for (const identity of [{ scheme: 'ed25519' }, { scheme: 'ed25519', public_key: 'short', sig: 'x' }, { scheme: 'ed25519', public_key: seedIdentity.publicKey, sig: 5 }]) {
      expect(checkFrameIdentity({ ...frame, identity } as never).status).toBe('invalid');
    }
    expect(checkFrameIdentity({ ...frame, identity: { scheme: 'none' } }).status).toBe('unsigned');
  });
});

describe('key material', () => {
  test('a seed gives a deterministic identity; the key file import checks the public key', () => {
    const again = ed25519IdentityFromSeed(new Uint8Array(32).map((_, i) => i + 1));
    expect(again.publicKey).toBe(seedIdentity.publicKey);
    const seed = Buffer.from(new Uint8Array(32).map((_, i) => i + 1)).toString('base64url');
    const file = { scheme: 'ed25519', public_key: seedIdentity.publicKey, did: seedIdentity.didKey, did_acp: seedIdentity.didAcp, private_key: seed, created_at: 'x' };
    expect(ed25519IdentityFromKeyFile(file).ok).toBe(true);
    expect(ed25519IdentityFromKeyFile({ ...file, public_key: fx.vectors[0].public_key_b64url }).ok).toBe(false);
    expect(ed25519IdentityFromKeyFile({ private_key: 'nope' }).ok).toBe(false);
  });
});

describe('card signature (§2.7.5)', () => {
  const card = buildAgentCard({ name: 'TroupeA', version: '0.1.0', httpPort: 7901, identity: seedIdentity, timestamp: '2026-11-21T16:25:40.000000Z' });

  test('a signed card verifies, did is did:acp and consistent', () => {
    const signed = signAgentCard(card, seedIdentity);
    expect(signed.identity.did).toBe(seedIdentity.didAcp);
    expect(signed.identity.did_key).toBe(seedIdentity.didKey);
    expect(checkCardSignature(signed)).toEqual({ valid: true, did: seedIdentity.didAcp, did_consistent: true, public_key: seedIdentity.publicKey, scheme: 'ed25519', error: null });
    const lossless = parseLosslessJson(JSON.stringify(signed));
    if (lossless.ok && lossless.value instanceof Map) expect(checkCardSignature(lossless.value).valid).toBe(true);
  });

  test('a changed timestamp invalidates it; an unsigned card reports upstream’s shape', () => {
    const signed = signAgentCard(card, seedIdentity);
    expect(checkCardSignature({ ...signed, timestamp: '2026-11-21T16:25:41.000000Z' }).valid).toBe(false);
    expect(checkCardSignature({ name: 'X' })).toEqual({ valid: null, error: UNSIGNED_CARD_ERROR, did: null, public_key: null, scheme: 'none' });
    const peerVerify = loadFixture('identity-documents.json').agenta_peer_verify.body;
    expect(checkCardSignature({ name: 'X', identity: null })).toMatchObject({ valid: peerVerify.valid, error: peerVerify.error, scheme: peerVerify.scheme });
  });
});

test('R52: JWKS and DID document match the captured ones for the same key (documents)', () => {
  const ids = loadFixture('identity-documents.json');
  const key = ids.wirex_card_projection.identity.public_key;
  expect(buildJwks('WireX', key)).toEqual(ids.wirex_jwks_json);
  expect(buildJwks('AgentA', null)).toEqual(ids.agenta_jwks_json.body);
  const did = buildDidDocument(key, ids.wirex_did_json.service[0].serviceEndpoint);
  expect(did).toEqual(ids.wirex_did_json);
  expect(did['id']).toBe(`did:key:${ids.wirex_did_json.verificationMethod[0].publicKeyMultibase}`);
});

describe('HTTP-side signature (§2.7.6)', () => {
  const parts = [textPart('hi')];
  const now = 1_795_278_276;
  const body = { role: 'user', message_id: 'm-sig', parts, timestamp: now, signature: signHttpMessage(seedIdentity, 'm-sig', parts, now) };

  test('a signed body verifies against the key; kid is kid_ + 12 hex', () => {
    expect(httpSignatureKeyId(seedIdentity.publicKey)).toMatch(/^kid_[0-9a-f]{12}$/);
    expect(checkHttpSignature(body, seedIdentity.publicKey, now)).toEqual({ status: 'valid' });
    expect(checkHttpSignature({ role: 'user' }, seedIdentity.publicKey, now)).toEqual({ status: 'absent' });
  });

  test('replays and tampering get upstream’s codes', () => {
    expect(checkHttpSignature(body, seedIdentity.publicKey, now + 301)).toMatchObject({ status: 'rejected', code: 'ERR_REPLAY_DETECTED' });
    expect(checkHttpSignature({ ...body, parts: [textPart('ho')] }, seedIdentity.publicKey, now)).toMatchObject({ code: 'ERR_INVALID_SIGNATURE' });
    expect(checkHttpSignature(body, generateEd25519Identity().publicKey, now)).toMatchObject({ code: 'ERR_INVALID_SIGNATURE' });
    const { timestamp: _t, ...noTimestamp } = body;
    expect(checkHttpSignature(noTimestamp, seedIdentity.publicKey, now)).toMatchObject({ code: 'ERR_INVALID_SIGNATURE' });
  });
});
