import { describe, expect, test } from 'vitest';
import {
  AGENT_CARD_KEYS,
  buildAgentCard,
  CAPABILITY_KEYS,
  decodeAgentCard,
  DEFAULT_ENDPOINTS,
  generateEd25519Identity,
  missingCardKeys,
  normalizeSkill,
} from '../src/index.js';
import { loadFixture } from './load-fixture.js';

const upstream = loadFixture('http-well-known-acp-json.json').body.self;

describe('buildAgentCard', () => {
  test('R50: the card has every §5.1 key and every §5.2 capability; availability only when configured', () => {
    const card = buildAgentCard({ name: 'TroupeA', version: '0.1.0', httpPort: 7901 });
    expect(missingCardKeys(card)).toEqual([]);
    expect(Object.keys(card)).toEqual([...AGENT_CARD_KEYS]);
    expect(card).not.toHaveProperty('availability');
    expect(Object.keys(card.capabilities)).toEqual([...CAPABILITY_KEYS]);
    expect(buildAgentCard({ name: 'a', version: '1', httpPort: 1, availability: { mode: 'persistent' } }).availability).toEqual({ mode: 'persistent' });
  });

  test('covers every key and capability of the captured upstream card', () => {
    const card = buildAgentCard({ name: 'AgentA', version: '0.1.0', httpPort: 7941 });
    for (const key of Object.keys(upstream)) expect(card).toHaveProperty(key);
    for (const key of Object.keys(upstream.capabilities)) expect(card.capabilities).toHaveProperty(key);
    expect(card.endpoints).toEqual(upstream.endpoints);
    expect(card.trust.signals.map((s) => s.type)).toEqual(upstream.trust.signals.map((s: { type: string }) => s.type));
    expect(card.auth).toEqual(upstream.auth);
    expect(card.capabilities['max_msg_bytes']).toBe(1_048_576);
    expect(card.acp_version).toBe('2.19.0');
  });

  test('capability flags are truthful: off unless the node does it', () => {
    const plain = buildAgentCard({ name: 'a', version: '1', httpPort: 1 });
    expect(plain.capabilities).toMatchObject({ push_notifications: false, lan_port_scan: false, lan_discovery: false, hmac_signing: false, identity: 'none', ws_stream: false });
    expect(plain.trust).toMatchObject({ scheme: 'none', enabled: false });
    expect(plain.extensions).toEqual([]);
    expect(plain.transport_modes).toEqual(['p2p']);
  });

  test('a secret, body signing and an identity show up where §2.7 and §5 say', () => {
    const identity = generateEd25519Identity();
    const card = buildAgentCard({ name: 'a', version: '1', httpPort: 1, hmac: true, hmacBody: true, identity, rendezvous: true, jwks: true });
    expect(card.capabilities).toMatchObject({ hmac_signing: true, hmac_body_signing: true, identity: 'ed25519', did_identity: true, card_sig: true, trust_jwks: true });
    expect(card.extensions).toEqual([
      { uri: 'acp:ext:hmac-v1', required: false, params: { scheme: 'hmac-sha256' } },
      { uri: 'urn:troupe:acp:hmac-body:v1', required: false, params: { scheme: 'hmac-sha256', field: 'sig_body' } },
    ]);
    expect(card.trust).toMatchObject({ scheme: 'hmac-sha256', enabled: true });
    expect(card.supported_interfaces).toEqual(['core', 'identity', 'p2p', 'stream', 'task']);
    expect(card.identity).toMatchObject({ scheme: 'ed25519', did: identity.didAcp, did_key: identity.didKey, did_acp: identity.didAcp });
    expect(card.transport_modes).toEqual(['p2p', 'relay']);
    expect(() => buildAgentCard({ name: 'a', version: '1', httpPort: 1, hmacBody: true })).toThrow(TypeError);
  });

  test('disabled trust signals carry empty details; the card holds no token or link', () => {
    const card = buildAgentCard({ name: 'a', version: '1', httpPort: 1 });
    for (const s of card.trust.signals) if (!s.enabled) expect(s.details).toEqual({});
    expect(JSON.stringify(card)).not.toMatch(/tok_|acp:\/\//);
    expect(Object.keys(DEFAULT_ENDPOINTS)).toHaveLength(23);
  });
});

test('skills given as strings get upstream’s shape', () => {
  const skills = loadFixture('http-misc.json').skills.body.skills;
  expect(['summarize', 'translate'].map((s) => normalizeSkill(s))).toEqual(skills);
  expect(normalizeSkill({ id: 'x', name: 'X', tags: ['t'] })).toMatchObject({ id: 'x', name: 'X', tags: ['t'], examples: [] });
});

describe('decodeAgentCard', () => {
  test('accepts the captured card, complete or not', () => {
    expect(decodeAgentCard(upstream).ok).toBe(true);
    expect(decodeAgentCard({ name: 'WireProbe' }).ok).toBe(true);
    expect(decodeAgentCard(buildAgentCard({ name: 'a', version: '1', httpPort: 1 }), { complete: true }).ok).toBe(true);
  });

  test('refuses wrong shapes with a sentence naming the key', () => {
    expect(decodeAgentCard([])).toEqual({ ok: false, error: 'card must be a JSON object' });
    expect(decodeAgentCard({})).toEqual({ ok: false, error: "card: missing required field 'name'" });
    expect(decodeAgentCard({ name: 'a', http_port: '7901' })).toEqual({ ok: false, error: "card: field 'http_port' must be an integer, got string" });
    expect(decodeAgentCard({ name: 'a', skills: ['x'] })).toEqual({ ok: false, error: "card: skills[0] must be an object with a string 'id'" });
    const r = decodeAgentCard({ name: 'a' }, { complete: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^card lacks required keys: version, acp_version/);
  });
});
