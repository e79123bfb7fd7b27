import { describe, expect, it } from 'vitest';
import { text, TroupeError, type AskOptions, type Message, type Part } from '@troupe/runtime';
import { flushMicrotasks, SimulatedClock } from '@troupe/runtime/testing';
import { ProtocolError, RemoteRef, type LinkState, type RemoteReply, type RemoteTurn } from '@troupe/actors';

/** A fake remote: each ask becomes a turn the test drives by hand. */
class FakeLink extends RemoteRef {
  readonly turns: { msg: Message; reply: RemoteReply; cancels: TroupeError[]; paused: boolean[]; options: AskOptions }[] = [];
  readonly offered: Message[] = [];
  refuse = false;

  constructor(clock: SimulatedClock, state: LinkState = 'up') {
    super({ address: 'fake://peer', name: 'peer', clock, state });
  }

  link(state: LinkState): void { this.setLinkState(state); }

  lose(): void { this.endAsks(new TroupeError('UNREACHABLE', 'gone')); }

  get last() { return this.turns[this.turns.length - 1]!; }

  protected startAsk(msg: Message, reply: RemoteReply, options: AskOptions): RemoteTurn {
    const turn = { msg, reply, cancels: [] as TroupeError[], paused: [] as boolean[], options };
    this.turns.push(turn);
    return {
      cancel: (reason) => turn.cancels.push(reason),
      pause: () => turn.paused.push(true),
      resume: () => turn.paused.push(false),
    };
  }

  protected offer(msg: Message): boolean {
    if (this.refuse) return false;
    this.offered.push(msg);
    return true;
  }

  protected post(msg: Message): Promise<void> {
    this.offered.push(msg);
    return Promise.resolve();
  }
}

function watch(link: FakeLink, options?: AskOptions) {
  const seen = { parts: [] as Part[], error: undefined as unknown, done: false };
  const sub = link.ask('hi', options).subscribe({
    next: (p) => seen.parts.push(p),
    error: (e: unknown) => { seen.error = e; },
    complete: () => { seen.done = true; },
  });
  return { seen, sub };
}

describe('RemoteRef (issue 8: remote refs behave like local ones)', () => {
  it('issue 8: parts reach the asker as the subclass pushes them, then it completes', () => {
    const link = new FakeLink(new SimulatedClock());
    const { seen } = watch(link);
    link.last.reply.next(text('a'));
    expect(seen.parts).toEqual([text('a')]);
    link.last.reply.next(text('b'));
    link.last.reply.complete();
    expect(seen.parts).toEqual([text('a'), text('b')]);
    expect(seen.done).toBe(true);
    expect(link.last.cancels).toEqual([]);
  });

  it('issue 8: unsubscribing before the end cancels the remote turn once; after the end it does not', () => {
    const link = new FakeLink(new SimulatedClock());
    const a = watch(link);
    a.sub.unsubscribe();
    a.sub.unsubscribe();
    expect(link.last.cancels.map((e) => e.code)).toEqual(['CANCELLED']);
    const b = watch(link);
    link.last.reply.complete();
    b.sub.unsubscribe();
    expect(link.last.cancels).toEqual([]);
  });

  it('issue 8: timeoutMs on the clock fails with ASK_TIMEOUT and cancels the remote turn', () => {
    const clock = new SimulatedClock();
    const link = new FakeLink(clock);
    const { seen } = watch(link, { timeoutMs: 1000 });
    link.last.reply.next(text('early'));
    clock.advance(999);
    expect(seen.error).toBeUndefined();
    clock.advance(1);
    expect(TroupeError.is(seen.error, 'ASK_TIMEOUT')).toBe(true);
    expect(link.last.cancels.map((e) => e.code)).toEqual(['ASK_TIMEOUT']);
    // What the remote side sends while winding down no longer reaches the asker.
    link.last.reply.next(text('late'));
    link.last.reply.complete();
    expect(seen.parts).toEqual([text('early')]);
    expect(seen.done).toBe(false);
  });

  it('issue 8: a completed ask clears its timer', () => {
    const clock = new SimulatedClock();
    const link = new FakeLink(clock);
    watch(link, { timeoutMs: 1000 });
    link.last.reply.complete();
    expect(clock.pending).toBe(0);
  });

  it('issue 8: the signal cancels the remote turn without ending the stream; wind-down parts still flow', () => {
    const link = new FakeLink(new SimulatedClock());
    const ctl = new AbortController();
    const { seen } = watch(link, { signal: ctl.signal });
    ctl.abort();
    expect(link.last.cancels.map((e) => e.code)).toEqual(['CANCELLED']);
    link.last.reply.next(text('partial'));
    link.last.reply.complete();
    expect(seen.parts).toEqual([text('partial')]);
    expect(seen.done).toBe(true);
  });

  it('issue 8: an already-aborted signal cancels at once', () => {
    const link = new FakeLink(new SimulatedClock());
    watch(link, { signal: AbortSignal.abort() });
    expect(link.last.cancels).toHaveLength(1);
  });

  it('issue 8: ready back-pressure: the next part waits for ready() and the turn is paused meanwhile', async () => {
    const link = new FakeLink(new SimulatedClock());
    let open: () => void = () => {};
    const ready = (): Promise<void> => new Promise<void>((r) => { open = r; });
    const { seen } = watch(link, { ready });
    link.last.reply.next(text('1'));
    link.last.reply.next(text('2'));
    link.last.reply.complete();
    expect(seen.parts).toEqual([text('1')]);
    expect(link.last.paused).toEqual([true]);
    open();
    await flushMicrotasks();
    expect(seen.parts).toEqual([text('1'), text('2')]);
    expect(seen.done).toBe(false);
    open();
    await flushMicrotasks();
    expect(seen.done).toBe(true);
    expect(link.last.paused).toEqual([true, false, true, false]);
  });

  it('issue 8: a failure is an error with the protocol error as cause, never a part', () => {
    const link = new FakeLink(new SimulatedClock());
    const { seen } = watch(link);
    link.last.reply.error(new TroupeError('HANDLER_FAILED', 'remote failed', { cause: new ProtocolError('fake', 'ERR_X', 'boom') }));
    expect(seen.parts).toEqual([]);
    const err = seen.error as TroupeError;
    expect(err.code).toBe('HANDLER_FAILED');
    expect(err.cause).toBeInstanceOf(ProtocolError);
    expect((err.cause as ProtocolError).code).toBe('ERR_X');
  });

  it('issue 8: events$ emits link state; closed ends running asks and refuses tell, send and ask', async () => {
    const link = new FakeLink(new SimulatedClock(), 'connecting');
    const states: string[] = [];
    let completed = false;
    link.events$.subscribe({ next: (e) => { if (e.type === 'state') states.push(e.value); }, complete: () => { completed = true; } });
    link.link('up');
    link.link('up');
    expect(link.state).toBe('up');
    const { seen } = watch(link);
    link.link('down');
    link.link('closed');
    expect(states).toEqual(['up', 'down', 'closed']);
    expect(completed).toBe(true);
    expect(TroupeError.is(seen.error, 'ACTOR_STOPPED')).toBe(true);
    expect(link.last.cancels.map((e) => e.code)).toEqual(['ACTOR_STOPPED']);
    expect(link.tell('x')).toBe(false);
    await expect(link.send('x')).rejects.toMatchObject({ code: 'ACTOR_STOPPED' });
    const after = watch(link);
    expect(TroupeError.is(after.seen.error, 'ACTOR_STOPPED')).toBe(true);
  });

  it('issue 8: tell returns false when the subclass refuses', () => {
    const link = new FakeLink(new SimulatedClock());
    expect(link.tell('a')).toBe(true);
    link.refuse = true;
    expect(link.tell('b')).toBe(false);
    expect(link.offered).toHaveLength(1);
  });

  it('issue 8: endAsks fails every running ask and cancels its remote turn; the link stays usable', () => {
    const link = new FakeLink(new SimulatedClock());
    const a = watch(link);
    const b = watch(link);
    link.lose();
    expect(TroupeError.is(a.seen.error, 'UNREACHABLE')).toBe(true);
    expect(TroupeError.is(b.seen.error, 'UNREACHABLE')).toBe(true);
    expect(link.turns.map((t) => t.cancels.map((e) => e.code))).toEqual([['UNREACHABLE'], ['UNREACHABLE']]);
    const c = watch(link);
    link.last.reply.complete();
    expect(c.seen.done).toBe(true);
  });
});
