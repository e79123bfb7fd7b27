import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, memoryStore, type ActorSystem } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';
import { spawnDemoPipeline } from '../../cli/src/commands/demo.js';
import { relayDemoService } from '../../cli/src/demo/relay-service.js';
import { startNode, type RunningNode } from '../../cli/src/node.js';
import { get, post, until } from '@troupe/plugin-relay/testing';

let node: RunningNode | undefined;
let other: ActorSystem | undefined;
afterEach(async () => {
  await node?.stop();
  await other?.shutdown({ deadlineMs: 0 });
  node = undefined;
  other = undefined;
});

describe('the relay entry of the main demo (npm start)', () => {
  it('hosts the demo pipeline; a second node asks it synchronously and gets the edited paragraph', async () => {
    node = await startNode({ logLevel: 'silent' });
    const agents = spawnDemoPipeline(node, true);
    const lines = await relayDemoService({ firstPort: 0 }).start(node, agents);
    const link = /link: (acp:\/\/\S+)/.exec(lines.join('\n'))?.[1];
    const api = /HTTP API: (http:\/\/\S+)/.exec(lines.join('\n'))?.[1];
    expect(link).toBeDefined();
    expect(lines.join('\n')).toMatch(/curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/message:send/);
    const card = await get(api as string, '/.well-known/acp.json');
    expect(card.body.self.name).toBe('troupe-demo');
    other = await createSystem({ store: memoryStore() });
    const me = relay({ name: 'Me', port: 0, httpPort: 0, join: [link as string] });
    await other.startPlugins([me]);
    const base = `http://127.0.0.1:${me.httpPort}`;
    await until(async () => (await get(base, '/status')).body.peer_count === 1, 10_000);
    const res = await post(base, '/message:send', { role: 'user', text: 'otters', sync: true, timeout: 20 });
    expect(res.status).toBe(200);
    expect(res.body.reply.parts[0].content).toMatch(/otter/i);
    // the same through system.connect: an ActorRef for the remote pipeline
    const remote = await other.connect(link as `acp://${string}`);
    const parts: string[] = [];
    await new Promise<void>((resolve, reject) => remote.ask('actors').subscribe({ next: (p) => parts.push(p.type === 'text' ? p.text : ''), error: reject, complete: () => resolve() }));
    expect(parts.join('')).toMatch(/actor/i);
  }, 30_000);
});
