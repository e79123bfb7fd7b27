import { describe, expect, it } from 'vitest';
import { createSystem, text, textOf, type Message } from '@troupe/runtime';
import { collect } from '@troupe/runtime/testing';
import { Agent, pipeline, type AgentContext } from '@troupe/actors';

// The "API in 20 lines" of README.md, kept true.
class Summarizer extends Agent {
  static override card = { name: 'summarizer', description: 'Summarizes text', skills: ['summarize'] };
  async *onMessage(msg: Message, ctx: AgentContext) {
    ctx.progress('reading');
    for (const sentence of textOf(msg).split('. ').slice(0, 2)) yield text(`${sentence}. `);
  }
}

describe('README API sample', () => {
  it('runs as documented', async () => {
    const system = await createSystem();
    const summarizer = system.spawn(Summarizer, { name: 'summarizer' });
    const shout = system.spawn((m: Message) => textOf(m).toUpperCase());
    const parts = await collect(pipeline(summarizer, shout).ask('Actors share nothing. They talk by messages. That is all.'));
    expect(parts).toEqual([{ type: 'progress', note: 'reading' }, text('ACTORS SHARE NOTHING. THEY TALK BY MESSAGES. ')]);
    await system.shutdown();
  });
});
