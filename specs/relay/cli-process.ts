import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (run `npm run build` first). */
export const CLI = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

/** A `troupe relay` process and what it printed. */
export interface RelayProcess {
  readonly child: ChildProcess;
  readonly link: string;
  readonly api: string;
  /** Everything the process wrote on stderr so far, from its first byte. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `troupe relay <args>` and waits for its "Ready. Your link:" and "HTTP API:" lines. */
export function startRelayProcess(args: string[], timeoutMs = 15_000): Promise<RelayProcess> {
  return startRelayCommand(['relay', ...args], timeoutMs);
}

/** Starts `troupe <argv>` for any command that hosts a relay (`relay`, `up --relay`) and waits for the same lines. */
export function startRelayCommand(argv: string[], timeoutMs = 15_000): Promise<RelayProcess> {
  const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${out}\n${err}`)), timeoutMs);
    child.on('exit', (code) => reject(new Error(`relay exited with ${code}: ${err}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const link = /Ready\. Your link: (acp:\/\/\S+)/.exec(out)?.[1];
      const api = /HTTP API: (http:\/\/\S+)/.exec(out)?.[1];
      if (link && api) {
        clearTimeout(timer);
        resolve({
          child,
          link,
          api,
          stderr: () => err,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
  });
}
