import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LoggedEvent } from './event-log.js';

/**
 * Registered webhook URLs, each called with every event (§4.10): one POST per event, per URL in
 * `seq` order (a per-URL chain), 5 s timeout, failures counted and logged.
 *
 * @example
 * hooks.register('http://127.0.0.1:9000/hook');
 * hooks.deliver(logged);
 */
export class Webhooks {
  private readonly chains = new Map<string, Promise<void>>();
  failures = 0;

  constructor(private readonly warn: (msg: string, data: Record<string, unknown>) => void) {}

  get size(): number {
    return this.chains.size;
  }

  register(url: string): number {
    if (!this.chains.has(url)) this.chains.set(url, Promise.resolve());
    return this.chains.size;
  }

  deregister(url: string): number {
    this.chains.delete(url);
    return this.chains.size;
  }

  deliver(logged: LoggedEvent): void {
    for (const [url, chain] of this.chains) {
      this.chains.set(url, chain.then(() => post(url, logged.text)).catch((error: unknown) => {
        this.failures += 1;
        this.warn('webhook delivery failed', { url, seq: logged.event.seq, error: String(error) });
      }));
    }
  }
}

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : request;
    const req = send(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
