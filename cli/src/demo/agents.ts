import { progress, text, textOf, type Message, type Part } from '@troupe/runtime';
import { Agent, type AgentContext } from '@troupe/actors';

/** A small embedded corpus, so the demo needs no network and no model. */
const NOTES: Readonly<Record<string, readonly string[]>> = {
  actors: [
    'an actor handles one message at a time from its own mailbox',
    'actors share nothing and talk only by messages',
    'a supervisor restarts a crashed actor instead of letting the failure spread',
    'Erlang has run telephone switches on this model since the 1980s',
  ],
  otters: [
    'sea otters hold hands while they sleep so they do not drift apart',
    'an otter keeps a favourite stone in a pouch of skin under its arm',
    'otters have the densest fur of any animal',
    'a group of otters resting in the water is called a raft',
  ],
};

/** Delay between steps; 0 in tests (`--fast`). */
export interface Pace { readonly stepMs: number }

/**
 * Waits `ms`, or less if the request is cancelled; leaves no listener behind either way. An already
 * aborted signal never fires 'abort' again, so it returns at once (else each later step of a
 * cancelled turn would sleep its full delay before the turn could answer `cancelled`).
 */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  ms <= 0 || signal.aborted ? Promise.resolve() : new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Stage 1: looks the topic up in the notes, reporting progress per note. */
export class Researcher extends Agent {
  static override card = { name: 'researcher', description: 'Finds notes on a topic', skills: ['research'] };
  constructor(private readonly pace: Pace) { super(); }
  async *onMessage(msg: Message, ctx: AgentContext): AsyncGenerator<Part> {
    const topic = textOf(msg).trim().toLowerCase();
    const notes = NOTES[topic] ?? NOTES[Object.keys(NOTES).find((k) => topic.includes(k)) ?? 'actors'] ?? [];
    for (const [i, note] of notes.entries()) {
      await pause(this.pace.stepMs, ctx.signal);
      if (ctx.signal.aborted) return;
      yield progress(`researcher: note ${i + 1} of ${notes.length}`, (i + 1) / notes.length);
      yield text(`- ${note}\n`);
    }
  }
}

/** Stage 2: turns notes into a draft paragraph. */
export class Writer extends Agent {
  static override card = { name: 'writer', description: 'Drafts a paragraph from notes', skills: ['write'] };
  constructor(private readonly pace: Pace) { super(); }
  async *onMessage(msg: Message, ctx: AgentContext): AsyncGenerator<Part> {
    const notes = textOf(msg).split('\n').map((l) => l.replace(/^- /, '').trim()).filter(Boolean);
    const sentences: string[] = [];
    for (const [i, note] of notes.entries()) {
      await pause(this.pace.stepMs, ctx.signal);
      if (ctx.signal.aborted) return;
      yield progress(`writer: sentence ${i + 1} of ${notes.length}`, (i + 1) / notes.length);
      sentences.push(`${note.charAt(0).toUpperCase()}${note.slice(1)}.`);
    }
    yield text(sentences.join(' '));
  }
}

/** Stage 3: tidies the draft and streams it word by word, like a model emitting tokens. */
export class Editor extends Agent {
  static override card = { name: 'editor', description: 'Polishes a draft and streams it', skills: ['edit'] };
  constructor(private readonly pace: Pace) { super(); }
  async *onMessage(msg: Message, ctx: AgentContext): AsyncGenerator<Part> {
    const words = textOf(msg).replace(/\s+/g, ' ').trim().split(' ');
    for (const [i, word] of words.entries()) {
      if (ctx.signal.aborted) return;
      if (i % 8 === 0) yield progress(`editor: word ${i + 1} of ${words.length}`, (i + 1) / words.length);
      await pause(this.pace.stepMs / 6, ctx.signal);
      yield text(i === 0 ? word : ` ${word}`);
    }
    yield text('\n');
  }
}

/** Topics the demo knows. */
export const DEMO_TOPICS = Object.keys(NOTES);
