// Shared set-up of the §8 checklist test files: captured fixtures, nodes stopped after each test,
// and the small request helpers every file needs.
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { formatTimestamp } from '@troupe/protocol-relay';
import { get, startNode, type TestNode } from '@troupe/plugin-relay/testing';

/** A captured upstream fixture (copied here; specs never read another package's test folder). */
export const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** Nodes to stop after the current test; `node()` starts one that is stopped automatically. */
export function trackNodes(): { running: TestNode[]; node: (opts?: Parameters<typeof startNode>[0]) => Promise<TestNode> } {
  const running: TestNode[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((n) => n.stop()));
  });
  const node = async (opts: Parameters<typeof startNode>[0] = {}): Promise<TestNode> => {
    const n = await startNode({ name: 'AgentA', ...opts });
    running.push(n);
    return n;
  };
  return { running, node };
}

/** GET /status of a node. */
export const status = async (n: TestNode) => (await get(n.base, '/status')).body;

/** An upstream-shaped `acp.message` frame with a fresh `ts`. */
export const msg = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'acp.message', message_id: id, ts: formatTimestamp(Date.now()), from: 'Raw', role: 'user', parts: [{ type: 'text', content: id }], ...extra });
