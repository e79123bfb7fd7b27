import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '@troupe/runtime/testing';
import { RendezvousHostLink } from '../src/rendezvous/rendezvous-host-link.js';

/** A loopback port nothing listens on (bound, then released). */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('rendezvous host link on an injected clock', () => {
  it('issue 8: an unreachable rendezvous is redialled after 250 ms, then 500 ms, of simulated time and not before', async () => {
    const clock = new SimulatedClock();
    const port = await refusedPort();
    const lines: string[] = [];
    let next: (() => void) | undefined;
    const logged = (): Promise<void> => new Promise((resolve) => { next = resolve; });
    const link = new RendezvousHostLink(`ws://127.0.0.1:${port}`, () => 'tok_test', () => undefined, (msg) => {
      lines.push(msg);
      next?.();
    }, clock);
    try {
      let failed = logged();
      link.start();
      await failed;
      expect(lines).toEqual(['rendezvous unreachable; retrying']);
      expect(clock.pending).toBe(1);
      clock.advance(249);
      expect(clock.pending).toBe(1); // not redialled yet
      failed = logged();
      clock.advance(1);
      expect(clock.pending).toBe(0); // the redial is under way
      await failed;
      expect(lines).toHaveLength(2);
      clock.advance(499);
      expect(clock.pending).toBe(1); // the delay doubled
      failed = logged();
      clock.advance(1);
      await failed;
      expect(lines).toHaveLength(3);
    } finally {
      link.stop();
    }
    expect(clock.pending).toBe(0);
  });
});
