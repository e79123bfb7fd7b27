import { createSystem, memoryStore, type ActorRef, type ActorSystem, type Store } from '@troupe/runtime';
import { relay, type RelayPlugin } from '../relay-plugin.js';
import type { RelayOptions } from '../options.js';
import { get, post } from './http-exchange.js';
import { until } from './until.js';

/** A relay node on loopback with its own actor system. */
export interface TestNode {
  readonly system: ActorSystem;
  readonly plugin: RelayPlugin;
  readonly base: string;
  stop(): Promise<void>;
}

/** Relay options plus the node's store (memory by default) and an agent spawned on its system to serve. */
export type TestNodeOptions = RelayOptions & { store?: Store; agentFactory?: (system: ActorSystem) => ActorRef };

/** Starts a relay node on loopback ports chosen by the OS, on a fresh actor system. */
export async function startNode(options: TestNodeOptions = {}): Promise<TestNode> {
  const { store, agentFactory, ...rest } = options;
  const system = await createSystem({ store: store ?? memoryStore() });
  const agent = agentFactory?.(system);
  const plugin = relay({ port: 0, httpPort: 0, name: 'Node', ...rest, ...(agent ? { agent } : {}) });
  await system.startPlugins([plugin]);
  return {
    system,
    plugin,
    base: `http://127.0.0.1:${plugin.httpPort}`,
    stop: () => system.shutdown({ deadlineMs: 0 }),
  };
}

/** Starts two nodes and connects B to A's link; resolves when both see the peer. */
export async function connectedPair(a: TestNodeOptions = {}, b: TestNodeOptions = {}): Promise<{ A: TestNode; B: TestNode; aPeerOnB: string; bPeerOnA: string }> {
  const A = await startNode({ name: 'AgentA', ...a });
  const B = await startNode({ name: 'AgentB', ...b });
  const res = await post(B.base, '/peers/connect', { link: A.plugin.link });
  const aPeerOnB = res.body.peer_id as string;
  await until(async () => (await get(B.base, '/peers')).body.peers.some((p: any) => p.ws_ready), 5_000, 'B connected');
  const bPeerOnA = await until(async () => (await get(A.base, '/peers')).body.peers.find((p: any) => p.connected)?.id as string, 5_000, 'A sees B');
  return { A, B, aPeerOnB, bPeerOnA };
}
