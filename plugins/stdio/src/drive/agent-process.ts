import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { realClock, TroupeError, unrefTimer, type Clock } from '@troupe/runtime';
import { ACP_ERRORS } from '../errors.js';
import type { ByteSource, NdjsonTransport } from '@troupe/transport-ndjson';
import { pipeTransport } from '../connection/pipe-transport.js';
import { RpcEndpoint, defaultTimeout, type EndpointEvent } from '../connection/rpc-endpoint.js';

/** How to launch an ACP agent subprocess. */
export interface AgentProcessOptions {
  /** Executable and arguments; no shell is involved. */
  readonly command: readonly string[];
  readonly cwd?: string;
  /** Added to the parent environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly maxMessageBytes?: number;
  /** After closing stdin, wait this long before SIGTERM. Default 2,000 ms (§3.6). */
  readonly exitGraceMs?: number;
  /** After SIGTERM, wait this long before SIGKILL. Default 3,000 ms. */
  readonly termGraceMs?: number;
  readonly report?: (event: EndpointEvent) => void;
  /** Overrides the §13.2 default timeouts of requests other than `session/prompt`. */
  readonly requestTimeoutMs?: number;
  /** The clock of the grace periods and of request timeouts. Default the real clock. */
  readonly clock?: Clock;
}

/** How the process ended. */
export interface ProcessExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
}

const STDERR_TAIL_BYTES = 1024 * 1024;

/**
 * One ACP agent subprocess (spec §3.5, §3.6 drive mode): spawned detached (its own process group),
 * pipes wrapped in a drive-mode endpoint, stderr kept in a 1 MiB ring buffer. When it exits or its
 * stdout ends, every pending request rejects with `connection_closed` carrying the exit code, the
 * signal and the stderr tail; `stop()` closes stdin, then SIGTERMs and SIGKILLs the group.
 *
 * @example
 * const proc = await AgentProcess.start({ command: ['my-acp-agent'] });
 * await proc.endpoint.request('initialize', { protocolVersion: 1 });
 * await proc.stop();
 */
export class AgentProcess {
  readonly endpoint: RpcEndpoint;
  /** The pipes to the agent (pause/resume reading for inbound back-pressure). */
  readonly transport: NdjsonTransport;
  readonly exited: Promise<ProcessExit>;
  private stderrChunks: Buffer[] = [];
  private stderrBytes = 0;
  private exit: ProcessExit | undefined;
  private stopping: Promise<ProcessExit> | undefined;

  private readonly clock: Clock;

  private constructor(readonly child: ChildProcessWithoutNullStreams, private readonly options: AgentProcessOptions) {
    this.clock = options.clock ?? realClock;
    const endListeners: (() => void)[] = [];
    // stdout's end is held back until the exit status is known, so the close error can carry it.
    const source: ByteSource = {
      on: ((event: string, listener: (...a: never[]) => void) => {
        if (event === 'data' || event === 'error') child.stdout.on(event, listener as () => void);
        else endListeners.push(listener as () => void);
      }) as ByteSource['on'],
      pause: () => child.stdout.pause(),
      resume: () => child.stdout.resume(),
    };
    this.transport = pipeTransport(source, child.stdin, options.maxMessageBytes);
    const timeout = options.requestTimeoutMs;
    this.endpoint = new RpcEndpoint(this.transport, {
      mode: 'drive',
      clock: this.clock,
      ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
      ...(options.report ? { report: options.report } : {}),
      ...(timeout !== undefined ? { timeoutFor: (m: string) => (defaultTimeout(m) === undefined ? undefined : timeout) } : {}),
    });
    child.stderr.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    const closeNow = (): void => {
      this.endpoint.shutdown(this.closedError());
      for (const l of endListeners.splice(0)) l();
    };
    child.stdout.on('end', () => {
      unrefTimer(this.clock.setTimeout(closeNow, 300));
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { exitCode: code, signal };
        resolve(this.exit);
        // Let the last stdout bytes arrive (they precede 'close'), then fail what is pending.
        unrefTimer(this.clock.setTimeout(closeNow, 50));
      });
    });
  }

  /** Spawns the agent; rejects with `spawn_failed` (ENOENT, EACCES) before any protocol traffic. */
  static start(options: AgentProcessOptions): Promise<AgentProcess> {
    const [cmd, ...args] = options.command;
    if (cmd === undefined) return Promise.reject(new TroupeError(ACP_ERRORS.spawnFailed, 'empty command'));
    return new Promise((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn(cmd, args, {
          cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true, shell: false,
        });
      } catch (err) {
        reject(new TroupeError(ACP_ERRORS.spawnFailed, `could not start ${cmd}: ${(err as Error).message}`, { cause: err }));
        return;
      }
      child.once('error', (err) => reject(new TroupeError(ACP_ERRORS.spawnFailed, `could not start ${cmd}: ${err.message}`, { cause: err })));
      child.once('spawn', () => resolve(new AgentProcess(child, options)));
    });
  }

  private stderrLine = '';

  /** Forwards complete stderr lines as debug diagnostics (§3.5), never parsing them. */
  private forwardStderr(chunk: Buffer): void {
    const report = this.options.report;
    if (!report) return;
    const parts = (this.stderrLine + chunk.toString('utf8')).split('\n');
    this.stderrLine = (parts.pop() ?? '').slice(-4096);
    for (const line of parts) if (line.trim()) report({ level: 'debug', msg: 'agent stderr', data: { line: line.slice(0, 4096) } });
  }

  private keepStderr(chunk: Buffer): void {
    this.forwardStderr(chunk);
    this.stderrChunks.push(chunk);
    this.stderrBytes += chunk.length;
    while (this.stderrBytes > STDERR_TAIL_BYTES && this.stderrChunks.length > 1) {
      this.stderrBytes -= (this.stderrChunks.shift() as Buffer).length;
    }
  }

  /** The last (at most 1 MiB of) stderr output. */
  get stderrTail(): string {
    return Buffer.concat(this.stderrChunks).toString('utf8');
  }

  private closedError(): TroupeError {
    const e = this.exit;
    const why = e ? `the agent process exited (code ${e.exitCode ?? 'none'}${e.signal ? `, signal ${e.signal}` : ''})` : 'the agent closed its stdout';
    const tail = this.stderrTail;
    return new TroupeError(ACP_ERRORS.connectionClosed, `${why}${tail ? `; stderr: ${tail.slice(-500).trim()}` : ''}`, {
      details: { exitCode: e?.exitCode ?? null, signal: e?.signal ?? null, stderrTail: tail },
    });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exit) return;
    try {
      process.kill(-pid, signal);
    } catch {
      try { this.child.kill(signal); } catch { /* already gone */ }
    }
  }

  /** Graceful shutdown: close stdin, SIGTERM the group after `exitGraceMs`, SIGKILL after `termGraceMs` more. */
  stop(): Promise<ProcessExit> {
    this.stopping ??= (async () => {
      this.transport.endOutput();
      const wait = (ms: number): Promise<boolean> => new Promise((resolve) => {
        const t = this.clock.setTimeout(() => resolve(false), ms);
        void this.exited.then(() => { this.clock.clearTimeout(t); resolve(true); });
      });
      if (!(await wait(this.options.exitGraceMs ?? 2000))) {
        this.signalGroup('SIGTERM');
        if (!(await wait(this.options.termGraceMs ?? 3000))) this.signalGroup('SIGKILL');
      }
      const exit = await this.exited;
      // Children the agent left in its group go too.
      const pid = this.child.pid;
      if (pid !== undefined) try { process.kill(-pid, 'SIGKILL'); } catch { /* group already empty */ }
      return exit;
    })();
    return this.stopping;
  }
}
