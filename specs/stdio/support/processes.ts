import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A child process whose stdin/stdout lines are recorded (each a parsed frame; non-JSON lines kept apart). */
export interface RecordedChild {
  readonly child: ChildProcessWithoutNullStreams;
  /** Frames the child wrote on stdout. */
  readonly out: Record<string, unknown>[];
  /** Frames written to the child's stdin. */
  readonly in: Record<string, unknown>[];
  readonly noise: string[];
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Web streams for the SDK's ndJsonStream (stdin writer, stdout reader), recording as they go. */
  readonly web: { writable: WritableStream<Uint8Array>; readable: ReadableStream<Uint8Array> };
}

function recorder(into: Record<string, unknown>[], noise: string[]): (chunk: Buffer | string) => void {
  let rest = '';
  return (chunk) => {
    rest += chunk.toString();
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try { into.push(JSON.parse(line) as Record<string, unknown>); } catch { noise.push(line); }
    }
  };
}

/** Spawns `node <fixture> ...args` with recorded pipes. */
export function spawnRecorded(command: string, args: string[], env: Record<string, string> = {}): RecordedChild {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const out: Record<string, unknown>[] = [];
  const inn: Record<string, unknown>[] = [];
  const noise: string[] = [];
  const rec: RecordedChild = {
    child, out, in: inn, noise, stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    web: {
      writable: Writable.toWeb(child.stdin) as WritableStream<Uint8Array>,
      readable: Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>,
    },
  };
  child.stdout.on('data', recorder(out, noise));
  const recordIn = recorder(inn, []);
  const write = child.stdin.write.bind(child.stdin);
  child.stdin.write = ((chunk: unknown, ...rest: unknown[]) => {
    recordIn(Buffer.isBuffer(chunk) || typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof child.stdin.write;
  child.stderr.on('data', (c: Buffer) => { rec.stderr += c.toString(); });
  return rec;
}

/** Waits (bounded) until the child wrote a frame matching `match`, and returns it. */
export async function waitForFrame(rec: RecordedChild, match: (f: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = rec.out.find(match);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no matching frame from the child within ${timeoutMs} ms; stderr: ${rec.stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sends raw `initialize` and `session/new` frames to a recorded agent and returns the session id. */
export async function openRawSession(rec: RecordedChild, cwd: string): Promise<{ send: (frame: unknown) => void; sessionId: string }> {
  const send = (f: unknown): void => { rec.child.stdin.write(`${JSON.stringify(f)}\n`); };
  send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: 1 } });
  send({ jsonrpc: '2.0', id: 1, method: 'session/new', params: { cwd, mcpServers: [] } });
  const reply = await waitForFrame(rec, (f) => f['id'] === 1);
  return { send, sessionId: (reply['result'] as { sessionId?: string } | undefined)?.sessionId ?? '' };
}
