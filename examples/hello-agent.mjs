// An agent is a class; the runtime hosts it as an actor. Its reply streams part by part.
// Run: npm run build && node examples/hello-agent.mjs
import { createSystem, text, textOf } from '@troupe/runtime';
import { Agent } from '@troupe/actors';

class Shouter extends Agent {
  static card = { name: 'shouter', description: 'Repeats what you say, louder, word by word' };

  async *onMessage(message, ctx) {
    ctx.progress('warming up the lungs');
    for (const word of textOf(message).split(' ')) yield text(`${word.toUpperCase()} `);
  }
}

const system = await createSystem();
const shouter = system.spawn(Shouter, { name: 'shouter' });

shouter.ask('actors all the way down').subscribe({
  next: (part) => process.stdout.write(part.type === 'progress' ? `(${part.note})\n` : part.text),
  complete: async () => {
    process.stdout.write('\n');
    await system.shutdown();
  },
});
