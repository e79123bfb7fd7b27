import { TroupeError, type ActorRef, type Plugin, type PluginHost, type RawConnectTarget } from '@troupe/runtime';
import { parseLink } from '@troupe/protocol-relay';
import { RemoteAgentRef } from './agent/remote-agent-ref.js';
import { RelayNode } from './node/relay-node.js';
import { withHostedCard } from './hosted-card.js';
import { resolveConfig, type RelayOptions } from './options.js';
import { waitConnected } from './peer/wait-connected.js';
import type { RelayConnectOptions, RelayLink } from './relay-connect-options.js';

/**
 * The relay plugin: one wire-compatible ACP relay node (peer WebSocket + local HTTP API) inside a
 * Troupe system, hosting `options.agent`, and the `acp:` connector for `system.connect`.
 *
 * @example
 * const plugin = relay({ name: 'AgentA', port: 0, agent: system.spawn(Echo) });
 * await system.startPlugins([plugin]);
 * plugin.link; // 'acp://127.0.0.1:…/tok_…'
 * const remote = await system.connect('acp://127.0.0.1:7802/tok_…');
 */
export class RelayPlugin implements Plugin {
  readonly name: string;
  private current: RelayNode | undefined;

  constructor(private readonly options: RelayOptions = {}) {
    this.name = options.name === undefined ? 'relay' : `relay-${options.name.replace(/[^A-Za-z0-9._~@:+-]/g, '_')}`;
  }

  /** The running node (after start). */
  get node(): RelayNode {
    if (!this.current) throw new TroupeError('NOT_STARTED', 'the relay plugin is not started');
    return this.current;
  }

  /** This node's link (`acp://host:port/tok_…`): what `system.connect` takes to reach its agent. */
  get link(): RelayLink {
    return this.node.link;
  }

  get port(): number {
    return this.node.port;
  }

  get httpPort(): number {
    return this.node.httpPort;
  }

  async start(host: PluginHost): Promise<void> {
    const config = resolveConfig(this.options);
    const node = new RelayNode(host, withHostedCard(config, config.agent === undefined ? undefined : host.system.cardOf(config.agent)));
    await node.start();
    this.current = node;
    host.registerConnector({ scheme: 'acp', connect: (target, opts) => this.connect(target, opts) });
    host.log('info', 'relay node up', { name: node.config.name, link_host: node.config.host, port: node.port, http_port: node.httpPort });
  }

  async stop(): Promise<void> {
    await this.current?.stop();
  }

  describe(): string[] {
    if (!this.current) return [];
    return [`link: ${this.current.link}`, `HTTP API: http://${this.current.config.httpHost}:${this.current.httpPort}`];
  }

  /**
   * Dials a link (or reuses its peer) and returns an ActorRef for the agent behind it. A link that
   * is not up within `timeoutMs` fails with `TroupeError('UNREACHABLE')` naming `acp://host:port`
   * (never the token); a link this call dialled is then given up (no more dials, not remembered)
   * unless `reconnect: true` keeps it redialling in the background.
   */
  async connect(target: RawConnectTarget, opts?: RelayConnectOptions): Promise<ActorRef> {
    if (typeof target !== 'string') throw new TroupeError('CONNECT_FAILED', 'relay targets are acp:// links');
    const parsed = parseLink(target);
    if (!parsed.ok) throw new TroupeError('INVALID_ADDRESS', `not a relay link: ${parsed.error}`);
    const node = this.node;
    // Options may come from untyped callers (JS, CLI input): read them defensively.
    const { peer, already } = node.connect(target, typeof opts?.name === 'string' ? opts.name : undefined);
    const timeoutMs = typeof opts?.timeoutMs === 'number' ? opts.timeoutMs : 10_000;
    try {
      await waitConnected(peer, `acp://${parsed.value.host}:${parsed.value.port}`, timeoutMs, node.host.clock);
    } catch (error) {
      if (!already && opts?.reconnect !== true) node.hangUp(peer, (error as Error).message);
      throw error;
    }
    return new RemoteAgentRef(node, peer);
  }
}

/**
 * Creates the relay plugin.
 *
 * @example
 * const system = await createSystem({ plugins: [relay({ name: 'AgentA' })] });
 */
export function relay(options: RelayOptions = {}): RelayPlugin {
  return new RelayPlugin(options);
}

declare module '@troupe/runtime' {
  /** `system.connect('acp://host:port/tok_…', { timeoutMs })` reaches the agent behind a relay peer. */
  interface ConnectTargets {
    relay: { target: RelayLink; options: RelayConnectOptions; ref: RemoteAgentRef };
  }
}
