// The plugin contract for the stdio plugin: the contract agent served over ACP by `serveStdio` in
// a child process, driven through `system.connect({ command })`. What the agent reports arrives on
// its stderr, which the link forwards as `agent stderr` log events.
import { fileURLToPath } from 'node:url';
import { filter, firstValueFrom } from 'rxjs';
import { createSystem, type ActorSystem } from '@troupe/runtime';
import { stdio } from '@troupe/plugin-stdio';
import { pluginContract, type ContractFixture } from './plugin-contract.js';

const AGENT = fileURLToPath(new URL('./fixtures/contract-agent-stdio.mjs', import.meta.url));

async function stdioFixture(): Promise<ContractFixture> {
  const system: ActorSystem = await createSystem({ plugins: [stdio()] });
  const lines: string[] = [];
  const sub = system.inspect$.subscribe((e) => {
    if (e.type === '@troupe.log' && e.msg === 'agent stderr' && typeof e.data?.['line'] === 'string') lines.push(e.data['line']);
  });
  return {
    connect: () => system.connect({ command: [process.execPath, AGENT], exitGraceMs: 200, cancelTimeoutMs: 2_000 }),
    reported: async (line) => {
      const want = `contract ${line}`;
      if (lines.includes(want)) return;
      await firstValueFrom(system.inspect$.pipe(filter((e) => e.type === '@troupe.log' && e.data?.['line'] === want)));
    },
    connectDead: () => system.connect({ command: [process.execPath, '-e', 'process.exit(1)'], restart: { maxAttempts: 0 }, connectTimeoutMs: 2_000 }),
    deadName: process.execPath,
    close: async () => {
      sub.unsubscribe();
      await system.shutdown({ deadlineMs: 0 });
    },
  };
}

pluginContract('stdio', stdioFixture);
