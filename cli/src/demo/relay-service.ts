import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { relay } from '@troupe/plugin-relay';
import type { DemoService } from './demo-service.js';

/** The `troupe` launcher of this checkout, as an absolute path. */
const launcher = fileURLToPath(new URL('../../bin/troupe.mjs', import.meta.url));

/** True when a loopback TCP port can be bound right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port }, () => srv.close(() => resolve(true)));
  });
}

/** The first port from `first` whose HTTP companion (port + 100) is free too. */
async function freePair(first: number, after = 0): Promise<number> {
  if (first === 0) return 0;
  for (let p = Math.max(first, after + 1); p < first + 90; p++) {
    if ((await portFree(p)) && (await portFree(p + 100))) return p;
  }
  throw new Error(`no free port pair between ${first} and ${first + 89}`);
}

/**
 * The relay plugin's part of the demo: an ACP relay node on the embedded defaults (127.0.0.1,
 * port 7801 or the next free one, HTTP on port + 100) hosting the demo pipeline, and the lines that
 * tell a person how to reach it with curl and a second node.
 *
 * @example
 * const service = relayDemoService({ firstPort: 0 }); // tests: any free ports
 */
export function relayDemoService(options: { readonly firstPort?: number } = {}): DemoService {
  return {
    name: 'ACP relay (acp_relay.py-compatible node)',
    async start(node, agents) {
      const port = await freePair(options.firstPort ?? 7801);
      const plugin = relay({ name: 'troupe-demo', port, agent: agents.flow, skills: ['research', 'write', 'edit'] });
      await node.system.startPlugins([plugin]);
      const api = `http://127.0.0.1:${plugin.httpPort}`;
      const second = port === 0 ? 7802 : await freePair(7802, plugin.port);
      return [
        `link: ${plugin.link}   (anyone holding it can connect: treat it as a secret)`,
        `HTTP API: ${api}   card: curl -s ${api}/.well-known/acp.json`,
        'ask the demo pipeline from a second relay node (two terminals):',
        `  node ${launcher} relay --name Me --port ${second} --join ${plugin.link}`,
        `  curl -s -X POST http://127.0.0.1:${second + 100}/message:send -H 'Content-Type: application/json' -d '{"role":"user","text":"otters","sync":true,"timeout":60}'`,
        `watch this node's events: curl -sN ${api}/stream`,
      ];
    },
  };
}

/** The demo's relay entry on the embedded defaults. */
export const relayDemo: DemoService = relayDemoService();
