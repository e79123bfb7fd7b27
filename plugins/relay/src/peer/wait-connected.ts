import { TroupeError, type Clock } from '@troupe/runtime';
import type { PeerEntry } from './peer-entry.js';

/**
 * Resolves once a dialled peer is connected; rejects with `TroupeError('UNREACHABLE')` naming
 * `address` when its link closes for good (a wrong token, a hang-up) or `timeoutMs` passes on
 * `clock` first. Driven by the peer-link actor's state events, never by polling.
 *
 * @example
 * await waitConnected(peer, 'acp://10.0.0.7:7801', 10_000, host.clock);
 */
export function waitConnected(peer: PeerEntry, address: string, timeoutMs: number, clock: Clock): Promise<void> {
  if (peer.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: TroupeError): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      sub?.unsubscribe();
      if (error === undefined) resolve();
      else reject(error);
    };
    const unreachable = (why: string): TroupeError =>
      new TroupeError('UNREACHABLE', `could not reach ${address}: ${why}`, { details: { address, peer: peer.id, lastError: peer.lastError } });
    const timer = clock.setTimeout(() => {
      const last = peer.lastError === null ? '' : ` (last error: ${peer.lastError})`;
      finish(unreachable(`no link within ${timeoutMs} ms${last}`));
    }, timeoutMs);
    const sub = peer.ref?.events$.subscribe((e) => {
      if (e.type !== 'state') return;
      // The link actor reaches `open` just before the peer is marked connected, in the same turn.
      if (e.value === 'open') queueMicrotask(() => { if (peer.connected) finish(); });
      else if (e.value === 'closed') finish(unreachable(`the link closed (${peer.lastError ?? 'closed'})`));
    });
    // A link given up before this call (a wrong token, a hang-up) will not change state again.
    if (peer.ref === undefined || peer.closedForGood) finish(unreachable(`the link is closed (${peer.lastError ?? 'closed'})`));
  });
}
