import { describe, expect, it } from 'vitest';
import { SimulatedClock, flushMicrotasks } from '@troupe/runtime/testing';
import { AgentProcess } from '@troupe/plugin-stdio';

describe('agent process grace periods on an injected clock', () => {
  it('issue 8: stop() of an agent that ignores its closed stdin SIGTERMs it when the simulated clock passes exitGraceMs', async () => {
    const clock = new SimulatedClock();
    // Keeps running after stdin closes: only a signal ends it.
    const proc = await AgentProcess.start({ command: [process.execPath, '-e', 'process.stdin.resume(); setInterval(() => {}, 1000);'], clock, exitGraceMs: 60_000, termGraceMs: 60_000 });
    const stopping = proc.stop();
    await flushMicrotasks(5);
    expect(clock.pending).toBe(1); // the exit grace, armed on the simulated clock
    clock.advance(59_999);
    expect(clock.pending).toBe(1); // not yet signalled
    clock.advance(1);
    const exit = await stopping;
    expect(exit.signal).toBe('SIGTERM');
  });
});
