// Issue 8 (typed connect targets): `system.connect` accepts only targets a loaded plugin package
// declared (`ConnectTargets`), each with the options of its own kind. The `@ts-expect-error` lines
// are the test: `npm run typecheck` fails if one of them compiles (the check is no longer there).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createSystem, type ActorRef, type ActorSystem, type ConnectTarget } from '@troupe/runtime';
import { relay, type RelayConnectOptions, type RelayLink, type RemoteAgentRef } from '@troupe/plugin-relay';
import { stdio, type AcpAgentLink, type AcpConnectExtra, type AcpConnectOptions } from '@troupe/plugin-stdio';

/** Compiled, never called: each call is checked against the declared targets. */
function typedCalls(system: ActorSystem): Promise<ActorRef>[] {
  return [
    system.connect('acp://127.0.0.1:7801/tok_x', { timeoutMs: 5_000 }),
    system.connect('acp://127.0.0.1:7801/tok_x', { name: 'peer', timeoutMs: 1 }),
    system.connect({ command: ['my-agent', '--acp'], cwd: '/repo' }),
    system.connect({ command: ['my-agent'] }, { exitGraceMs: 200, cwd: '/repo' }),
    // @ts-expect-error a misspelt relay option
    system.connect('acp://127.0.0.1:7801/tok_x', { timeoutMS: 5_000 }),
    // @ts-expect-error a stdio option on a relay target
    system.connect('acp://127.0.0.1:7801/tok_x', { exitGraceMs: 5 }),
    // @ts-expect-error a relay option on a stdio target
    system.connect({ command: ['my-agent'] }, { timeoutMs: 5 }),
    // @ts-expect-error a misspelt field in a stdio target
    system.connect({ command: ['my-agent'], exitGraceMS: 200 }),
    // @ts-expect-error an object of no declared shape
    system.connect({ cmd: ['my-agent'] }),
    // @ts-expect-error a scheme no loaded plugin declared
    system.connect('mamp://host/agent'),
    // @ts-expect-error a plain string is not known to be a link
    system.connect(String('acp://127.0.0.1:7801/tok_x')),
  ];
}

/** Compiled, never called: each kind of target gives the ref type its plugin declared. */
async function typedRefs(system: ActorSystem): Promise<void> {
  expectTypeOf(await system.connect({ command: ['my-agent'] })).toEqualTypeOf<AcpAgentLink>();
  expectTypeOf(await system.connect('acp://127.0.0.1:7801/tok_x')).toEqualTypeOf<RemoteAgentRef>();
}

describe('issue 8: typed connect targets', () => {
  it('each plugin package declares its target with its own options', () => {
    expectTypeOf<RelayLink>().toMatchTypeOf<ConnectTarget>();
    expectTypeOf<AcpConnectOptions>().toMatchTypeOf<ConnectTarget>();
    expectTypeOf<RelayConnectOptions>().toEqualTypeOf<{ readonly name?: string; readonly timeoutMs?: number; readonly reconnect?: boolean }>();
    expectTypeOf<AcpConnectExtra>().not.toHaveProperty('command');
    expectTypeOf(typedCalls).returns.toEqualTypeOf<Promise<ActorRef>[]>();
    expectTypeOf(typedRefs).toBeFunction();
  });

  it('a relay plugin link is a typed target', async () => {
    const system = await createSystem({ plugins: [stdio()] });
    const plugin = relay({ name: 'Typed', port: 0, httpPort: 0 });
    await system.startPlugins([plugin]);
    expectTypeOf(plugin.link).toEqualTypeOf<RelayLink>();
    expect(plugin.link).toMatch(/^acp:\/\/127\.0\.0\.1:\d+\/tok_/);
    await system.shutdown();
  });
});
