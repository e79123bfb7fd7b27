import type { Command } from 'commander';
import type { ActorRef } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';
import { loadAgentModule } from '../agent-module.js';
import { loadConfig } from '../config.js';
import { collect } from '../flags.js';
import { LOG_LEVELS } from '../logger.js';
import { startNode } from '../node.js';
import { planUp, type UpFlags } from '../up-plan.js';
import { untilSignal } from '../until-signal.js';

/**
 * `troupe up`: a long-running node. It hosts an agent module and the plugins asked for (flags or a
 * config file) and stays up until SIGINT or SIGTERM, then stops gracefully and exits 0. ACP over
 * stdio is not among them: an editor starts its own `troupe acp serve` process per connection.
 */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('run a Troupe node until Ctrl-C (SIGINT) or SIGTERM: hosts an agent module and, with --relay, an ACP relay for it')
    .option('--config <file>', 'JSON config: { "node", "data", "memory", "logLevel", "agent", "relay": true | { "name", "port", "httpPort", "host", "httpHost", "advertiseHost", "join", "secret", "requireSigned", "skills", "limitations", "offlineQueue", "rendezvous", "allowHost" } }; flags win over it, paths in it are relative to it')
    .option('--node <name>', 'node name used in troupe:// addresses', 'local')
    .option('--data <dir>', 'directory of the durable lmdb store', '.troupe/data')
    .option('--memory', 'keep all state in memory (nothing on disk)')
    .option('--agent <module>', 'host this agent: a JS module exporting an Agent class, a behavior or a handler function (default export or "agent")')
    .option('--relay', 'also run an ACP relay node (like `troupe relay`) that hands inbound messages to --agent')
    .option('--relay-name <name>', 'relay agent name (card name and frame `from`; default ACP-Agent); implies --relay')
    .option('--relay-port <port>', 'relay peer WebSocket port (default 7801, 0 = any free port); implies --relay')
    .option('--relay-http-port <port>', 'relay HTTP API port (default: relay port + 100); implies --relay')
    .option('--join <link>', 'relay: dial this acp:// link at start (repeatable); implies --relay', collect)
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info')
    .addHelpText('after', `
The node runs until Ctrl-C (SIGINT) or SIGTERM, then drains, stops its plugins and actors, closes
the store and exits 0. A second Ctrl-C while it stops ends it at once. With --relay it prints its
link and HTTP API on stdout like \`troupe relay\`; logs go to stderr. For ACP over stdio, editors
launch \`troupe acp serve\` themselves.

Examples:
  $ troupe up --data .troupe/data                           a node with the durable store, nothing hosted
  $ troupe up --memory --agent ./echo-agent.js --relay      host an agent behind an ACP relay on 7801/7901
  $ troupe up --agent ./echo-agent.js --relay-name Echo --relay-port 7820 --join acp://127.0.0.1:7801/tok_...
  $ troupe up --config troupe.json --log-level debug
    troupe.json: { "node": "edge-1", "data": ".troupe/data", "agent": "./echo-agent.js",
                   "relay": { "name": "Echo", "port": 7801, "secret": "s3cr3t" } }`)
    .action(async (flags: UpFlags, cmd: Command) => {
      const plan = planUp(cmd, flags, flags.config ? loadConfig(flags.config) : {});
      // Load the module before starting anything, so a bad module costs an error, not a node.
      const agentModule = plan.agent === undefined ? undefined : await loadAgentModule(plan.agent);
      const node = await startNode({ node: plan.node, dataDir: plan.dataDir, logLevel: plan.logLevel });
      const agent: ActorRef | undefined = agentModule === undefined ? undefined : node.system.spawn(agentModule, { name: 'agent', restart: 'permanent' });
      const plugin = plan.relay === undefined ? undefined : relay({ ...plan.relay, ...(agent === undefined ? {} : { agent }) });
      if (plugin) await node.system.startPlugins([plugin]);
      // Handlers (and the loop hold) first: a signal arriving right after "node up" must find them.
      const stopped = untilSignal(() => node.stop());
      if (plugin) process.stdout.write(`Ready. Your link: ${plugin.link}\nHTTP API: http://${plan.relay?.httpHost ?? '127.0.0.1'}:${plugin.httpPort}\n`);
      node.logger.info({
        node: plan.node,
        store: plan.dataDir ?? 'memory',
        ...(agent === undefined ? {} : { agent: agent.address }),
        ...(plugin === undefined ? {} : { relay: plugin.link }),
      }, 'node up; Ctrl-C to stop');
      await stopped;
    });
}
