// The plugin contract for the relay plugin: two nodes on loopback in this process, the contract
// agent hosted behind one (`relay({ agent })`), reached from the other with
// `system.connect(link)`. The agent reports straight to the test.
import { createServer } from 'node:net';
import { Subject, filter, firstValueFrom } from 'rxjs';
import { createSystem } from '@troupe/runtime';
import { relay, type RelayLink } from '@troupe/plugin-relay';
import { pluginContract, type ContractFixture } from './plugin-contract.js';
import { contractAgent } from './fixtures/contract-agent.mjs';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function relayFixture(): Promise<ContractFixture> {
  const lines: string[] = [];
  const lines$ = new Subject<string>();
  const report = (line: string): void => { lines.push(line); lines$.next(line); };
  const host = await createSystem({ node: 'host' });
  const hostPlugin = relay({ name: 'ContractHost', port: 0, httpPort: 0, agent: host.spawn(contractAgent(report), { name: 'contract' }) });
  await host.startPlugins([hostPlugin]);
  const asker = await createSystem({ node: 'asker', plugins: [relay({ name: 'ContractAsker', port: 0, httpPort: 0 })] });
  const dead: RelayLink = `acp://127.0.0.1:${await closedPort()}/tok_contractdead`;
  return {
    connect: () => asker.connect(hostPlugin.link, { timeoutMs: 5_000 }),
    reported: async (line) => {
      if (lines.includes(line)) return;
      await firstValueFrom(lines$.pipe(filter((l) => l === line)));
    },
    connectDead: () => asker.connect(dead, { timeoutMs: 1_000 }),
    deadName: dead.slice(0, dead.lastIndexOf('/')),
    close: async () => {
      await asker.shutdown({ deadlineMs: 0 });
      await host.shutdown({ deadlineMs: 0 });
    },
  };
}

pluginContract('relay', relayFixture);
