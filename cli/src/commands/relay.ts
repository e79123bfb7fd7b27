import type { Command } from 'commander';
import type { ActorRef } from '@troupe/runtime';
import { loadOrCreateIdentity, relay, RendezvousServer } from '@troupe/plugin-relay';
import { loadAgentModule } from '../agent-module.js';
import { LOG_LEVELS, createLogger, type LogLevel } from '../logger.js';
import { startNode } from '../node.js';
import { spawnDemoPipeline } from './demo.js';
import { untilSignal } from '../until-signal.js';

interface RelayFlags {
  name: string;
  port: string;
  httpPort?: string;
  host: string;
  httpHost: string;
  advertiseHost?: string;
  join: string[];
  secret?: string;
  requireSigned?: boolean;
  hmacCompat?: boolean;
  hmacBody?: boolean;
  identity?: string | boolean;
  skills?: string;
  limitations?: string;
  rendezvous?: string;
  offlineQueue: boolean;
  allowHost: string[];
  data?: string;
  agent?: string;
  demo?: boolean;
  logLevel: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function level(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${flag} must be a port number (0-65535), got '${value}'`);
  return n;
}

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** `troupe relay` and `troupe relay-server`. */
export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description('run an ACP relay node (drop-in for `python3 acp_relay.py`): peer WebSocket on --port, local HTTP API on port+100')
    .option('--name <name>', 'agent name (card name and frame `from`)', 'ACP-Agent')
    .option('--port <port>', 'peer WebSocket port (0 = any free port)', '7801')
    .option('--http-port <port>', 'HTTP API port (default: port + 100)')
    .option('--host <addr>', 'bind address of the peer listener', '127.0.0.1')
    .option('--http-host <addr>', 'bind address of the HTTP API', '127.0.0.1')
    .option('--advertise-host <host>', 'host written in this node\'s link (default: --host)')
    .option('--join <link>', 'dial this acp:// link at start (repeatable)', collect, [])
    .option('--secret <secret>', 'shared HMAC secret: frames are signed, badly signed ones dropped, unsigned ones accepted as unverified')
    .option('--require-signed', 'with --secret: strict mode, drop unsigned frames too (cards exempt); loses upstream peers\' /peer/{id}/send messages and offline-queue replays, which upstream never signs')
    .option('--hmac-compat', 'accepted for compatibility: unsigned frames are accepted by default now (the opposite of --require-signed)')
    .option('--hmac-body', 'with --secret: also sign and require the body-covering sig_body (Troupe extension)')
    .option('--identity [file]', 'Ed25519 identity: key file to load or create (upstream format), or a fresh one for this run')
    .option('--skills <list>', 'comma-separated skill ids for the AgentCard')
    .option('--limitations <list>', 'comma-separated limitations for the AgentCard')
    .option('--rendezvous <url>', 'self-hosted rendezvous (troupe relay-server) used when direct dialling fails, e.g. ws://127.0.0.1:7700')
    .option('--no-offline-queue', 'answer 503 instead of queueing messages for absent peers')
    .option('--allow-host <name>', 'extra Host header name the HTTP API accepts (repeatable)', collect, [])
    .option('--data <dir>', 'directory of the durable lmdb store (offline queue, event history, token); default: memory')
    .option('--agent <module>', 'host this agent (a module exporting an Agent class, behavior or function): inbound user messages reach it')
    .option('--demo', 'host the demo pipeline (researcher -> writer -> editor)')
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', `
Examples:
  $ troupe relay --name AgentA                        # prints: Ready. Your link: acp://127.0.0.1:7801/tok_...
  $ troupe relay --name AgentB --port 7820 --join acp://127.0.0.1:7801/tok_...
  $ curl -s -X POST http://127.0.0.1:7920/message:send -H 'Content-Type: application/json' \\
      -d '{"role":"user","text":"hello A"}'
  $ curl -sN http://127.0.0.1:7901/stream            # SSE on AgentA
  $ troupe relay --name AgentA --secret s3cr3t --identity a.key --data .troupe/relay-a
  $ troupe relay --name AgentA --secret s3cr3t --require-signed   # Troupe-only peers: refuse unsigned frames
  $ troupe relay --name Echo --agent ./echo-agent.js   # peers' sync sends get the agent's answer`)
    .action(async (flags: RelayFlags) => {
      const peerPort = port(flags.port, '--port');
      if (flags.requireSigned === true && flags.secret === undefined) throw new Error('--require-signed needs --secret (strict mode drops frames without a valid HMAC)');
      if (flags.requireSigned === true && flags.hmacCompat === true) throw new Error('--require-signed and --hmac-compat contradict each other');
      const identity = flags.identity === undefined || flags.identity === false ? undefined : loadOrCreateIdentity(flags.identity === true ? undefined : flags.identity);
      const node = await startNode({ dataDir: flags.data, logLevel: level(flags.logLevel) });
      let agent: ActorRef | undefined;
      if (flags.demo === true) agent = spawnDemoPipeline(node, false).flow;
      else if (flags.agent !== undefined) agent = node.system.spawn(await loadAgentModule(flags.agent), { name: 'relay-agent', restart: 'permanent' });
      const plugin = relay({
        name: flags.name,
        port: peerPort,
        host: flags.host,
        httpHost: flags.httpHost,
        join: flags.join,
        offlineQueue: flags.offlineQueue,
        skills: list(flags.skills),
        limitations: list(flags.limitations),
        allowedHosts: flags.allowHost,
        ...(agent === undefined ? {} : { agent }),
        ...(flags.httpPort === undefined ? {} : { httpPort: port(flags.httpPort, '--http-port') }),
        ...(flags.advertiseHost === undefined ? {} : { advertiseHost: flags.advertiseHost }),
        ...(flags.secret === undefined ? {} : { secret: flags.secret }),
        ...(flags.requireSigned === true ? { requireSigned: true } : {}),
        ...(flags.hmacCompat === true ? { hmacCompat: true } : {}),
        ...(flags.hmacBody === true ? { hmacBody: true } : {}),
        ...(identity === undefined ? {} : { identity }),
        ...(flags.rendezvous === undefined ? {} : { rendezvousUrl: flags.rendezvous }),
      });
      await node.system.startPlugins([plugin]);
      const stopped = untilSignal(() => node.stop());
      process.stdout.write(`Ready. Your link: ${plugin.link}\nHTTP API: http://${flags.httpHost}:${plugin.httpPort}\n`);
      await stopped;
    });

  program
    .command('relay-server')
    .description('run a self-hosted rendezvous: two relay nodes holding the same link meet here when they cannot dial each other; it stores nothing')
    .option('--port <port>', 'listen port', '7700')
    .option('--host <addr>', 'bind address', '127.0.0.1')
    .option('--max-waiting <n>', 'waiting host sockets per link', '4')
    .option('--max-pairs <n>', 'live pairs per link', '64')
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info')
    .addHelpText('after', `
Examples:
  $ troupe relay-server --port 7700
  $ troupe relay --name AgentA --rendezvous ws://127.0.0.1:7700
  $ troupe relay --name AgentB --port 7820 --rendezvous ws://127.0.0.1:7700 --join acp://<unreachable-host>:7801/tok_...`)
    .action(async (flags: { port: string; host: string; maxWaiting: string; maxPairs: string; logLevel: string }) => {
      const logger = createLogger(level(flags.logLevel));
      const server = await RendezvousServer.listen({
        host: flags.host,
        port: port(flags.port, '--port'),
        maxWaiting: Number(flags.maxWaiting),
        maxPairs: Number(flags.maxPairs),
        log: (msg, data) => logger.info(data, msg),
      });
      const stopped = untilSignal(() => server.close());
      process.stdout.write(`Rendezvous ready: ${server.url}\n`);
      await stopped;
    });
}
