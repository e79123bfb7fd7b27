import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '@troupe/actors';
import { get, startNode, type TestNode } from '@troupe/plugin-relay/testing';

class Summarizer extends Agent {
  static override card = {
    name: 'summarizer',
    description: 'Summarizes text',
    version: '2.3.4',
    skills: ['summarize', { id: 'translate', name: 'Translate', description: 'Into French', tags: ['fr'] }],
  };
  onMessage() {
    return 'ok';
  }
}

const nodes: TestNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

describe('the card of a node that hosts an agent', () => {
  it("issue 8: publishes the hosted agent's description, version and skills", async () => {
    const node = await startNode({ name: 'Host', agentFactory: (system) => system.spawn(Summarizer) });
    nodes.push(node);
    const self = (await get(node.base, '/.well-known/acp.json')).body.self;
    expect(self.name).toBe('Host');
    expect(self.description).toBe('Summarizes text');
    expect(self.version).toBe('2.3.4');
    expect(self.skills.map((s: { id: string }) => s.id)).toEqual(['summarize', 'translate']);
    expect(self.skills[1]).toMatchObject({ name: 'Translate', description: 'Into French', tags: ['fr'] });
  });

  it('issue 8: relay options still win over the agent card', async () => {
    const node = await startNode({ name: 'Host', description: 'Mine', skills: ['own'], agentFactory: (system) => system.spawn(Summarizer) });
    nodes.push(node);
    const self = (await get(node.base, '/.well-known/acp.json')).body.self;
    expect(self.description).toBe('Mine');
    expect(self.skills.map((s: { id: string }) => s.id)).toEqual(['own']);
  });
});
