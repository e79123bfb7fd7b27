// Checklist 46: a consumer that stops pulling bounds Troupe's memory and blocks the agent's writes;
// when it resumes, every chunk arrives in order.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { stdio, type AcpAgentLink } from '@troupe/plugin-stdio';
import { FIXTURES } from './support/processes.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

const writtenSoFar = (ref: AcpAgentLink): number => {
  const all = [...ref.stderrTail.matchAll(/written=(\d+)/g)];
  return Number(all.at(-1)?.[1] ?? 0);
};

describe('drive: inbound back-pressure', () => {
  it('46: while the consumer does not pull, memory stays bounded and the agent blocks; after it resumes every chunk arrives in order', async () => {
    system = await createSystem({ plugins: [stdio()] });
    const ref = (await system.connect({ command: [process.execPath, join(FIXTURES, 'raw-agent.mjs')], exitGraceMs: 200 })) as AcpAgentLink;
    const MIB = 256;
    const iterator = ref.stream(`flood ${MIB}`, { highWater: 2_000 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    globalThis.gc?.();
    const rss0 = process.memoryUsage().rss;
    // Stop pulling: the agent must stall (its progress stops moving) far below 256 MiB.
    let stalledAt = -1;
    for (let i = 0; i < 40; i++) {
      const before = writtenSoFar(ref);
      await new Promise((r) => setTimeout(r, 500));
      if (writtenSoFar(ref) === before) { stalledAt = before; break; }
    }
    expect(stalledAt).toBeGreaterThan(0);
    expect(stalledAt).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 * 1024);
    // Resume: everything arrives, in order, nothing lost.
    let chunks = 1;
    let stop: unknown;
    for (;;) {
      const r = await iterator.next();
      if (r.done) break;
      if (r.value.type === 'update') {
        chunks += 1;
        expect((r.value.part as { text: string }).text.length).toBe(4096);
      } else stop = r.value;
    }
    expect(chunks).toBe((MIB * 1024 * 1024) / 4096);
    expect(stop).toMatchObject({ type: 'stop', stopReason: 'end_turn' });
  }, 60_000);
});
