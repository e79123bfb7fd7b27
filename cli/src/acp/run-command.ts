import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Observable } from 'rxjs';
import { stdio, type AcpAgentLink, type DriveEvent, type PermissionPolicy } from '@troupe/plugin-stdio';
import type { RequestPermissionParams } from '@troupe/protocol-stdio';
import type { LogLevel } from '../logger.js';
import { startNode } from '../node.js';
import { ProgressLine } from '../progress-line.js';
import { readPrompt, type NextLine } from './prompt-reader.js';
import { TurnRenderer, exitStatusOf } from './render-turn.js';
import { safeLine } from './terminal-text.js';

/** Options of `troupe acp run`. */
export interface RunOpts { cwd?: string; yes?: boolean; write?: boolean; terminal?: boolean; logLevel: LogLevel; prompt?: string; promptFile?: string }

/** Reads `--prompt-file` (`-` is stdin). */
async function readPromptFile(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks the person at the terminal which permission option to pick; `ui` shows the question. */
function askPermission(next: NextLine, ui: NodeJS.WriteStream): PermissionPolicy {
  // The header is drawn in reverse video on a terminal: agent text cannot draw it, since every
  // escape sequence is removed from what the agent sends.
  const header = ui.isTTY ? '\x1b[7m[permission]\x1b[27m' : '[permission]';
  return async (req: RequestPermissionParams) => {
    const title = safeLine(req.toolCall.title ?? req.toolCall.toolCallId);
    ui.write(`\n${header} ${title}\n${req.options.map((o, i) => `  ${i + 1}) ${safeLine(o.name)} (${safeLine(o.kind)})`).join('\n')}\nchoose 1-${req.options.length}: `);
    const picked = req.options[Number(await next()) - 1];
    return picked ? { outcome: 'selected', optionId: picked.optionId } : { outcome: 'cancelled' };
  };
}

/**
 * Runs one turn to its end; resolves with its stop reason, rejects with the agent's error. SIGINT
 * cancels the turn (a terminal in raw mode reports Ctrl-C through readline instead: see `keys`).
 */
function runTurn(turn: Observable<DriveEvent>, onEvent: (e: DriveEvent) => void, cancel: () => void): Promise<string> {
  return new Promise<string>((done, fail) => {
    let stopReason = 'end_turn';
    const onSigint = (): void => cancel();
    process.on('SIGINT', onSigint);
    const finish = (): void => { process.off('SIGINT', onSigint); };
    turn.subscribe({
      next: (e) => {
        if (e.type === 'stop') stopReason = e.stopReason;
        onEvent(e);
      },
      error: (err: unknown) => { finish(); fail(err); },
      complete: () => { finish(); done(stopReason); },
    });
  });
}

const errorText = (err: unknown): string => safeLine(err instanceof Error ? err.message : String(err), true);

/**
 * `troupe acp run`: a terminal client of an ACP agent. With `--prompt`/`--prompt-file` it runs one
 * turn, prints only the answer text on stdout and exits with the turn's status; otherwise it reads
 * prompts (multi-line: trailing `\`, or a `"""` block) until end of input.
 */
export async function runCommand(command: string[], opts: RunOpts): Promise<void> {
  if (command.length === 0) throw new Error('give the agent command after --, e.g. troupe acp run -- npx some-acp-agent');
  if (opts.prompt !== undefined && opts.promptFile !== undefined) throw new Error('give --prompt or --prompt-file, not both');
  const oneShot = opts.prompt !== undefined || opts.promptFile !== undefined;
  const prompt = opts.prompt ?? (opts.promptFile !== undefined ? await readPromptFile(opts.promptFile) : undefined);
  if (oneShot && !prompt?.trim()) throw new Error('the prompt is empty');

  // Interactive prompts, and permission answers, come from stdin (unless it carried the prompt).
  const lineInput = opts.promptFile !== '-';
  const rl = lineInput ? createInterface({ input: process.stdin, output: oneShot ? process.stderr : process.stdout, terminal: process.stdin.isTTY === true }) : undefined;
  const lines = rl?.[Symbol.asyncIterator]();
  // While readline holds a terminal in raw mode, Ctrl-C comes as its 'SIGINT' event: it cancels the
  // running turn, or, at the prompt, ends the session like Ctrl-D.
  let running: (() => void) | undefined;
  rl?.on('SIGINT', () => (running ? running() : rl.close()));
  const next: NextLine = async () => {
    const r = await lines?.next();
    return r === undefined || r.done ? undefined : String(r.value);
  };
  // One-shot: stdout is the answer alone; the conversation's chrome goes to stderr.
  const out = process.stdout;
  const ui = oneShot ? process.stderr : process.stdout;
  const canAsk = process.stdin.isTTY === true && lineInput;
  const node = await startNode({ logLevel: opts.logLevel, plugins: [stdio()] });
  const cwd = resolve(opts.cwd ?? process.cwd());
  let status = 0;
  try {
    const ref = (await node.system.connect({
      command, cwd,
      handlers: { permission: opts.yes ? 'allow' : canAsk ? askPermission(next, ui) : 'reject', fs: { read: true, write: opts.write === true }, terminal: opts.terminal === true },
    })) as AcpAgentLink;
    const cancel = (): void => { void ref.cancel(); };
    if (oneShot) {
      const renderer = new TurnRenderer(new ProgressLine(out), out.isTTY === true);
      let ended = true;
      running = cancel;
      try {
        const stopReason = await runTurn(ref.turn(prompt as string), (e) => {
          if (e.type === 'update' && e.part.type === 'text') {
            renderer.render(e);
            ended = e.part.text.endsWith('\n');
          }
        }, cancel);
        status = exitStatusOf(stopReason);
        if (status !== 0) process.stderr.write(`troupe: the turn ended with ${safeLine(stopReason)}\n`);
      } catch (err) {
        process.stderr.write(`troupe: the turn failed: ${errorText(err)}\n`);
        status = 1;
      }
      if (!ended && out.isTTY) out.write('\n');
    } else {
      const info = ref.agentInfo?.agentInfo;
      const name = safeLine(info?.title ?? info?.name ?? command[0] ?? 'agent');
      ui.write(`connected to ${name}${info?.version ? ` ${safeLine(info.version)}` : ''} in ${cwd}; type a prompt (end a line with \\ to go on, or wrap lines in """), Ctrl-C cancels a turn, Ctrl-D or Ctrl-C at the prompt quits\n`);
      for (;;) {
        ui.write('> ');
        const text = await readPrompt(next, () => ui.write('. '));
        if (text === undefined) break;
        if (!text.trim()) continue;
        const view = new ProgressLine(out);
        const renderer = new TurnRenderer(view, out.isTTY === true);
        try {
          running = cancel;
          await runTurn(ref.turn(text), (e) => renderer.render(e), cancel);
        } catch (err) {
          view.clear();
          // The agent's message goes to stderr; the session goes on, and the exit status says a turn failed.
          process.stderr.write(`\n[error] ${errorText(err)}\n`);
          status = 1;
        } finally {
          running = undefined;
        }
      }
    }
  } finally {
    rl?.close();
    await node.stop();
  }
  process.exit(status);
}
