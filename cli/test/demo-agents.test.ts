import { afterEach, describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { Editor, Researcher, Writer } from '../src/demo/agents.js';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

describe('demo agents', () => {
  it('issue 10: a cancelled demo stage ends at once instead of sleeping through its remaining steps', async () => {
    system = await createSystem({});
    // An hour per step: a stage that ignored the cancel would never end within the test.
    const pace = { stepMs: 3_600_000 };
    const stages = [['researcher', Researcher.with(pace), 'otters'], ['writer', Writer.with(pace), '- a\n- b\n- c'], ['editor', Editor.with(pace), 'one two three']] as const;
    for (const [name, stage, input] of stages) {
      const ref = system.spawn(stage, { name });
      const abort = new AbortController();
      const parts = lastValueFrom(ref.ask(input, { signal: abort.signal }).pipe(toArray()), { defaultValue: [] });
      abort.abort();
      await expect(parts).resolves.toBeDefined();
    }
  });
});
