import { describe, expect, it } from 'vitest';
import { createSystem, memoryStore } from '@troupe/runtime';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { relay } from '@troupe/plugin-relay';
import { sse, until } from '@troupe/plugin-relay/testing';

const KEEPALIVE = ': keepalive\n\n';
const count = (text: string): number => text.split(KEEPALIVE).length - 1;

describe('SSE keepalive on the host clock', () => {
  it('issue 8: an idle GET /stream gets its next keepalive when the simulated clock passes keepaliveMs', async () => {
    const clock = new SimulatedClock(Date.parse('2026-01-01T00:00:00Z'));
    const system = await createSystem({ clock, store: memoryStore() });
    const plugin = relay({ port: 0, httpPort: 0, name: 'Node', keepaliveMs: 60_000 });
    await system.startPlugins([plugin]);
    const stream = sse(`http://127.0.0.1:${plugin.httpPort}`);
    try {
      await until(() => count(stream.raw()) === 1, 5_000, 'the first keepalive');
      clock.advance(60_000);
      await until(() => count(stream.raw()) === 2, 5_000, 'the keepalive after keepaliveMs');
      clock.advance(60_000);
      await until(() => count(stream.raw()) === 3, 5_000, 'the next one');
      expect(stream.events).toEqual([]);
    } finally {
      stream.close();
      let done = false;
      const stopped = system.shutdown({ deadlineMs: 0 }).then(() => { done = true; });
      for (let i = 0; i < 100 && !done; i++) {
        clock.advance(1_000);
        await flushMicrotasks(5);
      }
      await stopped;
    }
  });
});
