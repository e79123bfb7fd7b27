import { oneLine } from './json.js';
import { DEFAULT_PEER_PORT } from './limits.js';
import { err, ok, type Result } from './result.js';

/**
 * A parsed `acp://host:port/token` link (§1.2). `host` keeps IPv6 addresses without brackets.
 */
export interface Link {
  readonly host: string;
  readonly port: number;
  readonly token: string;
}

/** Options of {@link parseLink}. */
export interface ParseLinkOptions {
  /**
   * Require the `tok_` + 16 hex form. Use it for the node's own token; leave it off when dialling,
   * since upstream peers may be configured with other tokens (§1.2).
   */
  readonly requireTroupeToken?: boolean;
}

const TROUPE_TOKEN = /^tok_[0-9a-f]{16}$/;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9._~-]+)?$/;

/** Links can be long or hostile; error texts quote at most this many characters of them. */
const QUOTE_LIMIT = 120;

function quote(text: string): string {
  return `'${oneLine(text, QUOTE_LIMIT)}'`;
}

/**
 * Parses a link in the order of §1.2, so the first problem found is the one reported. `acp+wss://`
 * and `acp+ws://` links (upstream's Worker transport) are refused.
 *
 * @example
 * parseLink('acp://127.0.0.1:7841/tok_d04b73b59aba408e');
 * // { ok: true, value: { host: '127.0.0.1', port: 7841, token: 'tok_d04b73b59aba408e' } }
 * parseLink('http://x'); // { ok: false, error: "invalid link scheme (expected acp://): 'http://x'" }
 */
export function parseLink(input: unknown, options: ParseLinkOptions = {}): Result<Link> {
  if (typeof input !== 'string' || input.length === 0) return err('link must be a non-empty string');
  const link = input;
  if (/^acp\+wss?:\/\//i.test(link)) {
    return err(`relay-worker links (acp+wss://, acp+ws://) are not supported: ${quote(link)}`);
  }
  if (!link.startsWith('acp://')) return err(`invalid link scheme (expected acp://): ${quote(link)}`);
  const rest = link.slice('acp://'.length);
  if (/[?#]/.test(rest)) return err(`link must not carry a query or fragment: ${quote(link)}`);
  if (/\s/.test(rest)) return err(`link must not contain whitespace: ${quote(link)}`);

  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  if (authority.includes('@')) return err(`link must not carry user info: ${quote(link)}`);

  const hostPort = splitAuthority(authority);
  if (!hostPort.ok) return err(`${hostPort.error}: ${quote(link)}`);
  const { host, portText } = hostPort.value;
  if (host.length === 0) return err(`link missing host: ${quote(link)}`);

  let port = DEFAULT_PEER_PORT;
  if (portText !== undefined) {
    if (!/^\d+$/.test(portText)) return err(`link port is not a number (${portText}): ${quote(link)}`);
    port = Number(portText);
    if (port < 1 || port > 65_535) return err(`link port out of range (${portText}): ${quote(link)}`);
  }

  const token = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (token.length === 0) return err(`link missing token: ${quote(link)}`);
  if (token.includes('/')) return err(`link token must not contain '/': ${quote(link)}`);
  if (options.requireTroupeToken === true && !TROUPE_TOKEN.test(token)) {
    return err(`link token is not of the form tok_ + 16 hex digits: ${quote(link)}`);
  }
  return ok({ host, port, token });
}

function splitAuthority(authority: string): Result<{ host: string; portText: string | undefined }> {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return err('link has an unclosed IPv6 bracket');
    const host = authority.slice(1, close);
    if (!IPV6.test(host) || !host.includes(':')) return err('link has an invalid IPv6 host');
    const after = authority.slice(close + 1);
    if (after === '') return ok({ host, portText: undefined });
    if (!after.startsWith(':')) return err('link has text after the IPv6 host');
    return ok({ host, portText: after.slice(1) });
  }
  const colon = authority.lastIndexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  const portText = colon === -1 ? undefined : authority.slice(colon + 1);
  if (host.includes(':')) return err('link IPv6 hosts need brackets');
  if (host !== '' && !HOST_NAME.test(host)) return err('link host has invalid characters');
  return ok({ host, portText });
}

/**
 * Formats a link; IPv6 hosts get brackets. The inverse of {@link parseLink}.
 *
 * @example
 * formatLink({ host: '::1', port: 7801, token: 'tok_0123456789abcdef' }); // 'acp://[::1]:7801/tok_0123456789abcdef'
 */
export function formatLink(link: Link): `acp://${string}` {
  const host = link.host.includes(':') ? `[${link.host}]` : link.host;
  return `acp://${host}:${link.port}/${link.token}`;
}

/**
 * The `ws://` URL a dialler opens for a link: the path is exactly `/` + token, no query (§2.2).
 *
 * @example
 * linkWebSocketUrl({ host: '127.0.0.1', port: 7841, token: 'tok_x' }); // 'ws://127.0.0.1:7841/tok_x'
 */
export function linkWebSocketUrl(link: Link): string {
  const host = link.host.includes(':') ? `[${link.host}]` : link.host;
  return `ws://${host}:${link.port}/${link.token}`;
}
