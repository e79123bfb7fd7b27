// The agent module the stdio benchmark serves with `troupe acp serve` (as a user would):
// "stream N" answers N text chunks; "wait" sends one chunk, then waits until the turn is cancelled.
import { text, textOf } from '@troupe/runtime';

const tok = text('tok ');

export default function benchAgent(msg, ctx) {
  const [cmd, n] = textOf(msg).split(' ');
  if (cmd === 'wait') {
    return (async function* wait() {
      yield text('waiting');
      await new Promise((resolve) => (ctx.signal.aborted ? resolve() : ctx.signal.addEventListener('abort', resolve, { once: true })));
    })();
  }
  return Array.from({ length: Number(n ?? 1) }, () => tok);
}
