import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { formatLink, linkWebSocketUrl, matchesTokenPath, newToken, parseLink, rendezvousId } from '../src/index.js';

describe('parseLink', () => {
  test('parses the captured link', () => {
    expect(parseLink('acp://127.0.0.1:7841/tok_d04b73b59aba408e')).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 7841, token: 'tok_d04b73b59aba408e' },
    });
  });

  test('defaults the port to 7801 and strips slashes around the token', () => {
    expect(parseLink('acp://example.test//tok_x/')).toEqual({ ok: true, value: { host: 'example.test', port: 7801, token: 'tok_x' } });
  });

  test('IPv6 hosts need brackets and round-trip through formatLink', () => {
    const r = parseLink('acp://[::1]:9000/tok_0123456789abcdef');
    expect(r).toEqual({ ok: true, value: { host: '::1', port: 9000, token: 'tok_0123456789abcdef' } });
    if (r.ok) expect(formatLink(r.value)).toBe('acp://[::1]:9000/tok_0123456789abcdef');
    expect(parseLink('acp://::1:9000/tok_x').ok).toBe(false);
  });

  test.each([
    ['http://x', "invalid link scheme (expected acp://): 'http://x'"],
    ['acp://:7801/tok_x', "link missing host: 'acp://:7801/tok_x'"],
    ['acp://h:0/tok_x', "link port out of range (0): 'acp://h:0/tok_x'"],
    ['acp://h:65536/tok_x', "link port out of range (65536): 'acp://h:65536/tok_x'"],
    ['acp://h:12/', "link missing token: 'acp://h:12/'"],
    ['acp://h:12', "link missing token: 'acp://h:12'"],
    ['acp://h:port/tok', "link port is not a number (port): 'acp://h:port/tok'"],
  ])('refuses %s with a clear error', (link, message) => {
    expect(parseLink(link)).toEqual({ ok: false, error: message });
  });

  test('refuses upstream Worker links, queries, user info and non-strings', () => {
    expect(parseLink('acp+wss://w.example/acp/tok_x').ok).toBe(false);
    expect(parseLink('acp+ws://w.example/acp/tok_x').ok).toBe(false);
    expect(parseLink('acp://h:1/tok?x=1').ok).toBe(false);
    expect(parseLink('acp://u@h:1/tok').ok).toBe(false);
    expect(parseLink(42)).toEqual({ ok: false, error: 'link must be a non-empty string' });
    expect(parseLink('')).toEqual({ ok: false, error: 'link must be a non-empty string' });
  });

  test('requireTroupeToken accepts only tok_ + 16 hex', () => {
    expect(parseLink('acp://h:1/tok_probe0000000001', { requireTroupeToken: true }).ok).toBe(false);
    expect(parseLink('acp://h:1/tok_probe0000000001').ok).toBe(true);
    expect(parseLink('acp://h:1/tok_d04b73b59aba408e', { requireTroupeToken: true }).ok).toBe(true);
  });

  test('long links are quoted shortened in errors', () => {
    const r = parseLink(`http://${'x'.repeat(5000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(200);
  });
});

test('linkWebSocketUrl opens exactly /<token>', () => {
  expect(linkWebSocketUrl({ host: '127.0.0.1', port: 7899, token: 'tok_probe0000000001' })).toBe('ws://127.0.0.1:7899/tok_probe0000000001');
});

test('R8: a node link matches ^acp://[^/]+:\\d+/tok_[0-9a-f]{16}$ and keeps its port', () => {
  const link = formatLink({ host: '127.0.0.1', port: 7801, token: newToken() });
  expect(link).toMatch(/^acp:\/\/[^/]+:\d+\/tok_[0-9a-f]{16}$/);
  const parsed = parseLink(link, { requireTroupeToken: true });
  expect(parsed.ok && parsed.value.port).toBe(7801);
});

test('R3: the host accepts /<token> and /<token>/, and rejects /<token>?x=1 and /<token>x', () => {
  const token = 'tok_d04b73b59aba408e';
  expect(matchesTokenPath(`/${token}`, token)).toBe(true);
  expect(matchesTokenPath(`/${token}/`, token)).toBe(true);
  expect(matchesTokenPath(`/${token}?x=1`, token)).toBe(false);
  expect(matchesTokenPath(`/${token}x`, token)).toBe(false);
  expect(matchesTokenPath('/', token)).toBe(false);
  expect(matchesTokenPath('/tok_0000000000000000', token)).toBe(false);
  expect(matchesTokenPath(`//${token}`, token)).toBe(false);
});

test('the rendezvous id hides the token behind SHA-256 with the §6.4 prefix', () => {
  const rid = rendezvousId('tok_d04b73b59aba408e');
  expect(rid).toMatch(/^[0-9a-f]{64}$/);
  expect(rid).toBe(createHash('sha256').update('acp-rendezvous-v1:tok_d04b73b59aba408e').digest('hex'));
  expect(rid).not.toBe(createHash('sha256').update('tok_d04b73b59aba408e').digest('hex'));
  expect(rid).not.toContain('d04b73b59aba408e');
});
