import type { ActorRef, Plugin, PluginHost, RawConnectTarget } from '@troupe/runtime';
import { TroupeError } from '@troupe/runtime';
import type { ClientHandlers } from './drive/client-handlers.js';
import { AcpAgentLink } from './drive/acp-agent-link.js';
import { isCommandTarget, type AcpConnectExtra, type AcpConnectOptions } from './drive/connect-options.js';

/** Options of the {@link stdio} plugin. */
export interface StdioPluginOptions {
  /** Default client handlers of every driven agent (each connect may override them). */
  readonly handlers?: ClientHandlers;
}

/** The stdio plugin with its live links, for inspection. */
export interface StdioPlugin extends Plugin {
  /** Links to driven ACP agents, by actor address. */
  readonly links: ReadonlyMap<string, AcpAgentLink>;
}

/**
 * The stdio plugin: registers the connector that turns `system.connect({ command: [...] })` into a
 * driven ACP agent subprocess (an {@link AcpAgentLink} actor under `troupe://<node>/plugins/stdio`).
 * Serving an agent over stdio needs no plugin: see `serveStdio`.
 *
 * @example
 * const system = await createSystem({ plugins: [stdio()] });
 * const coder = await system.connect({ command: ['npx', 'some-acp-agent'], cwd: '/repo' });
 * coder.ask('fix the failing test').subscribe((part) => render(part));
 */
export function stdio(options: StdioPluginOptions = {}): StdioPlugin {
  const links = new Map<string, AcpAgentLink>();
  let host: PluginHost | undefined;
  return {
    name: 'stdio',
    links,
    start(h) {
      host = h;
      h.registerConnector({
        matches: (target: RawConnectTarget) => isCommandTarget(target),
        connect: async (target: RawConnectTarget, extra?: Readonly<Record<string, unknown>>): Promise<ActorRef> => {
          if (!isCommandTarget(target)) throw new TroupeError('INVALID_OPTIONS', 'an ACP agent target needs command: [executable, ...args]');
          const opts: AcpConnectOptions = { ...(options.handlers ? { handlers: options.handlers } : {}), ...(target as AcpConnectOptions), ...extra } as AcpConnectOptions;
          const link = new AcpAgentLink((t, o) => h.spawn(t, o), opts, (e) => h.log(e.level, e.msg, e.data), h.clock);
          links.set(link.address, link);
          const peer = opts.command.join(' ');
          link.events$.subscribe({
            next: (e) => { if (e.type === 'state') h.emit({ type: '@troupe.link', address: link.address, peer, state: e.value }); },
            complete: () => links.delete(link.address),
          });
          try {
            await link.ready();
          } catch (err) {
            links.delete(link.address);
            await h.system.stop(link.cell);
            throw err;
          }
          return link;
        },
      });
    },
    async stop() {
      await Promise.all([...links.values()].map((l) => host?.system.stop(l.cell)));
      links.clear();
    },
    describe() {
      return ['ACP over stdio: system.connect({ command: [...] }) drives an ACP agent; `troupe acp serve` serves one to an editor'];
    },
  };
}

declare module '@troupe/runtime' {
  /** `system.connect({ command: [...], cwd })` drives an ACP agent subprocess (the stdio plugin). */
  interface ConnectTargets {
    stdio: { target: AcpConnectOptions; options: AcpConnectExtra; ref: AcpAgentLink };
  }
}
