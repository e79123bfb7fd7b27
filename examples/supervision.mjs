// A crashing agent is restarted by its supervisor (with exponential backoff); the rest goes on.
// Run: npm run build && node examples/supervision.mjs
import { lastValueFrom, toArray } from 'rxjs';
import { createSystem, textOf } from '@troupe/runtime';
import { Agent } from '@troupe/actors';

let incarnation = 0;
class Flaky extends Agent {
  constructor() {
    super();
    this.id = ++incarnation;
  }
  onMessage(message) {
    if (textOf(message) === 'crash') throw new Error('I tripped');
    return `incarnation ${this.id} answers "${textOf(message)}"`;
  }
}

const system = await createSystem({ supervision: { strategy: 'one-for-one', maxRestarts: 3, withinMs: 10_000, backoff: { minMs: 50 } } });
system.inspect$.subscribe((e) => {
  if (e.type === '@troupe.restart') process.stdout.write(`supervisor: restarting ${e.address} in ${e.delayMs} ms (attempt ${e.attempt})\n`);
});
const flaky = system.spawn(Flaky, { name: 'flaky' });

const ask = async (text) => textOf(await lastValueFrom(flaky.ask(text).pipe(toArray())));
process.stdout.write(`${await ask('hello')}\n`);
await ask('crash').catch((err) => process.stdout.write(`ask failed: ${err.code} (${err.cause.message})\n`));
process.stdout.write(`${await ask('still there?')}\n`);
await system.shutdown();
