import { spawn, type ChildProcess } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { invalidParams, resourceNotFound } from '@troupe/protocol-stdio';
import { RpcFailure } from '../errors.js';

interface Terminal {
  readonly child: ChildProcess;
  chunks: Buffer[];
  bytes: number;
  truncated: boolean;
  readonly limit: number | undefined;
  exit: { exitCode: number | null; signal: string | null } | undefined;
  readonly exited: Promise<{ exitCode: number | null; signal: string | null }>;
}

/** Drops bytes from the start so at most `limit` remain, cutting on a UTF-8 character boundary (§7). */
function trimFront(buf: Buffer, limit: number): Buffer {
  let start = buf.length - limit;
  while (start < buf.length && ((buf[start] as number) & 0xc0) === 0x80) start++;
  return buf.subarray(start);
}

let counter = 0;

/**
 * The client side of `terminal/*` (spec §7): runs commands in the background without a shell,
 * keeps their combined output (trimmed from the front to `outputByteLimit`), and answers -32002 for
 * unknown or released ids. `releaseAll` kills what is left when the connection ends.
 *
 * @example
 * const terms = new TerminalHandler();
 * const { terminalId } = terms.create({ command: 'ls', cwd: '/repo' }, '/repo');
 */
export class TerminalHandler {
  private readonly terminals = new Map<string, Terminal>();

  create(params: { command: string; args?: string[]; env?: { name: string; value: string }[]; cwd?: string | null; outputByteLimit?: number | null }, sessionCwd: string): { terminalId: string } {
    const cwd = params.cwd ?? sessionCwd;
    if (!isAbsolute(cwd)) throw new RpcFailure(invalidParams(['cwd'], 'must be an absolute path'));
    const env = { ...process.env };
    for (const e of params.env ?? []) env[e.name] = e.value;
    const child = spawn(params.command, params.args ?? [], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const id = `term-${++counter}`;
    const t: Terminal = {
      child, chunks: [], bytes: 0, truncated: false, limit: params.outputByteLimit ?? undefined, exit: undefined,
      exited: new Promise((resolve) => {
        child.on('error', () => { t.exit ??= { exitCode: null, signal: null }; resolve(t.exit); });
        child.on('close', (code, signal) => { t.exit = { exitCode: code, signal }; resolve(t.exit); });
      }),
    };
    const onData = (chunk: Buffer): void => {
      t.chunks.push(chunk);
      t.bytes += chunk.length;
      if (t.limit !== undefined && t.bytes > t.limit) {
        const kept = trimFront(Buffer.concat(t.chunks), t.limit);
        t.chunks = [kept];
        t.bytes = kept.length;
        t.truncated = true;
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.terminals.set(id, t);
    return { terminalId: id };
  }

  private get(terminalId: string): Terminal {
    const t = this.terminals.get(terminalId);
    if (!t) throw new RpcFailure(resourceNotFound('terminal', { terminalId }));
    return t;
  }

  output(terminalId: string): object {
    const t = this.get(terminalId);
    const out: Record<string, unknown> = { output: Buffer.concat(t.chunks).toString('utf8'), truncated: t.truncated };
    if (t.exit) out['exitStatus'] = t.exit;
    return out;
  }

  async waitForExit(terminalId: string): Promise<object> {
    return this.get(terminalId).exited;
  }

  kill(terminalId: string): object {
    const t = this.get(terminalId);
    if (!t.exit) t.child.kill('SIGKILL');
    return {};
  }

  release(terminalId: string): object {
    const t = this.get(terminalId);
    if (!t.exit) t.child.kill('SIGKILL');
    this.terminals.delete(terminalId);
    return {};
  }

  releaseAll(): void {
    for (const id of this.terminals.keys()) this.release(id);
  }
}
