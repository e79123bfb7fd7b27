import { describe, expect, it } from 'vitest';
import {
  createSystem, textOf, TroupeError, type ActorRef, type Connector, type InspectionEvent, type Message, type Plugin,
  type PluginHost,
} from '@troupe/runtime';
import { collect, createTestProbe } from '@troupe/runtime/testing';

// The test plugins below connect `fake:` and `x:` targets: declared the way a plugin package does.
declare module '@troupe/runtime' {
  interface ConnectTargets {
    fake: { target: `fake://${string}`; options: Readonly<Record<string, never>> };
    x: { target: `x://${string}`; options: Readonly<Record<string, never>> };
  }
}

describe('ActorSystem', () => {
  it('spawns under /agents with names, looks up by address and refuses duplicates', async () => {
    const system = await createSystem({ node: 'n1' });
    const ref = system.spawn(() => 'x', { name: 'echo' });
    expect(ref.address).toBe('troupe://n1/agents/echo');
    expect(system.lookup('troupe://n1/agents/echo')).toBe(ref);
    expect(() => system.spawn(() => 'y', { name: 'echo' })).toThrow(expect.objectContaining({ code: 'NAME_TAKEN' }));
    expect(() => system.spawn(() => 'y', { name: 'bad name' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    const child = system.spawn(() => 'c', { name: 'kid', parent: ref });
    expect(child.address).toBe('troupe://n1/agents/echo/kid');
    expect(system.agentRefs().map((r) => r.name)).toEqual(['echo']);
    await system.stop(ref);
    expect(system.lookup(child.address)).toBeUndefined();
    await system.shutdown();
  });

  it('rejects a bad node name and a bad spawnable with clear errors', async () => {
    await expect(createSystem({ node: 'a/b' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    const system = await createSystem();
    expect(() => system.spawn(42 as never)).toThrow(/spawn needs an Agent class/);
    await system.shutdown();
  });

  it('emits spawn, message and stop inspection events', async () => {
    const system = await createSystem();
    const events: InspectionEvent['type'][] = [];
    system.inspect$.subscribe((e) => events.push(e.type));
    const ref = system.spawn(() => 'x');
    await collect(ref.ask('q'));
    await system.stop(ref);
    expect(events).toEqual(['@troupe.spawn', '@troupe.message', '@troupe.stop']);
    await system.shutdown();
  });

  it('a test probe records what an actor sends it', async () => {
    const system = await createSystem();
    const probe = createTestProbe(system, { name: 'probe' });
    const greeter = system.spawn((m: Message, ctx) => { ctx.reply(`hello ${textOf(m)}`); });
    greeter.tell('ada', { sender: probe.ref });
    const reply = await probe.expectMessage();
    expect(textOf(reply)).toBe('hello ada');
    expect(probe.senders.map((r) => r?.address)).toEqual([greeter.address]);
    await system.shutdown();
  });
});

describe('plugins', () => {
  it('starts plugins with a host: own supervisor subtree, store, clock, connectors', async () => {
    let host!: PluginHost;
    const remote: ActorRef[] = [];
    const plugin: Plugin = {
      name: 'fake',
      start(h) {
        host = h;
        const connector: Connector = {
          scheme: 'fake',
          connect: async (target) => {
            const ref = h.spawn((m: Message) => `${String(target)} got ${textOf(m)}`);
            remote.push(ref);
            return ref;
          },
        };
        h.registerConnector(connector);
        h.registerConnector({ matches: (t) => typeof t === 'object' && 'command' in t, connect: async () => h.spawn(() => 'proc') });
      },
      stop() {},
    };
    const system = await createSystem({ plugins: [plugin] });
    expect(host.supervisor.address).toBe('troupe://local/plugins/fake');
    expect(host.store).toBe(system.store);
    const ref = await system.connect('fake://peer');
    expect(ref.address.startsWith('troupe://local/plugins/fake/')).toBe(true);
    expect(textOf(await collect(ref.ask('hi')))).toBe('fake://peer got hi');
    expect(textOf(await collect((await system.connect({ command: ['x'] })).ask('q')))).toBe('proc');
    await expect(system.connect('acp://x')).rejects.toMatchObject({ code: 'NO_CONNECTOR', message: expect.stringMatching(/no plugin handles 'acp:' targets/) });
    await system.shutdown();
  });

  it('a connector that throws gives CONNECT_FAILED with the cause', async () => {
    const system = await createSystem({ plugins: [{ name: 'p', start: (h) => h.registerConnector({ scheme: 'x', connect: async () => { throw new Error('refused'); } }), stop() {} }] });
    const err = (await system.connect('x://y').catch((e: unknown) => e)) as TroupeError;
    expect(err.code).toBe('CONNECT_FAILED');
    expect(err.message).toMatch(/refused/);
    await system.shutdown();
  });

  it('a plugin failing to start on a running system leaves the system and earlier plugins running', async () => {
    const stopped: string[] = [];
    const keep: Plugin = { name: 'keep', start() {}, stop() { stopped.push('keep'); } };
    const system = await createSystem({ plugins: [keep] });
    const agent = system.spawn(() => 'alive');
    const fresh: Plugin = { name: 'fresh', start() {}, stop() { stopped.push('fresh'); } };
    const clash: Plugin = { name: 'clash', start() { throw new Error('EADDRINUSE'); }, stop() {} };
    await expect(system.startPlugins([fresh, clash])).rejects.toMatchObject({ code: 'PLUGIN_FAILED' });
    expect(stopped).toEqual(['fresh']);
    expect(system.plugins.map((p) => p.name)).toEqual(['keep']);
    expect(system.lookup('troupe://local/plugins/fresh')).toBeUndefined();
    expect(textOf(await collect(agent.ask('x')))).toBe('alive');
    await system.startPlugins([{ name: 'clash', start() {}, stop() {} }]);
    await expect(system.startPlugins([{ name: 'clash', start() {}, stop() {} }])).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await system.shutdown();
  });

  it('a plugin that fails to start stops the others and rejects with PLUGIN_FAILED', async () => {
    const stopped: string[] = [];
    const ok: Plugin = { name: 'ok', start() {}, stop() { stopped.push('ok'); } };
    const bad: Plugin = { name: 'bad', start() { throw new Error('port in use'); }, stop() {} };
    await expect(createSystem({ plugins: [ok, bad] })).rejects.toMatchObject({ code: 'PLUGIN_FAILED', message: expect.stringMatching(/bad failed to start: port in use/) });
    expect(stopped).toEqual(['ok']);
  });
});
