// The plugin contract: one suite every protocol plugin runs (issue 8), so a ref to an agent behind
// any plugin behaves like a local one beyond the happy path. A plugin's test file gives a
// `ContractFixture` (how to host the contract agent behind the plugin and reach it) and calls
// `pluginContract`. Cases the plugin cannot pass yet are named in `pending` with what is missing:
// they show as todo, never as a silent skip.
import { describe, expect, it } from 'vitest';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { TroupeError, textOf, type ActorRef, type Part } from '@troupe/runtime';
import { ProtocolError } from '@troupe/actors';

/** How one plugin hosts the contract agent (`fixtures/contract-agent.mjs`) and reaches it. */
export interface ContractFixture {
  /** A ref, through the plugin, to a fresh contract agent hosted behind it. */
  connect(): Promise<ActorRef>;
  /** Resolves once the hosted contract agent reported `line` (e.g. `aborted:t1`). */
  reported(line: string): Promise<void>;
  /** Connects to a target of this plugin with nothing alive behind it; must reject. */
  connectDead(): Promise<ActorRef>;
  /** What the dead-link error must name (the address or command). */
  readonly deadName: string;
  /** Stops everything the fixture started. */
  close(): Promise<void>;
}

/** The contract's cases, by name. */
export type ContractCase =
  | 'exposure' | 'link state' | 'streaming' | 'cancel on unsubscribe' | 'cancel on timeout' | 'cancel on signal'
  | 'error with cause' | 'back-pressure' | 'dead link';

let tags = 0;
/** A tag unique in the run, so reports of one case never satisfy another. */
const tag = (): string => `t${++tags}-${process.pid}`;
const texts = (parts: readonly Part[]): string[] => parts.map((p) => textOf([p]));

/**
 * Registers the contract suite for one plugin. `make` builds a fixture per test; `pending` names
 * the cases this plugin does not pass yet and why.
 *
 * @example
 * pluginContract('stdio', stdioFixture, {});
 */
export function pluginContract(plugin: string, make: () => Promise<ContractFixture>, pending: Partial<Record<ContractCase, string>> = {}): void {
  const contract = (name: ContractCase, body: (f: ContractFixture) => Promise<void>, timeout = 20_000): void => {
    const missing = pending[name];
    if (missing !== undefined) {
      it.todo(`issue 8: ${name} (${plugin}): ${missing}`);
      return;
    }
    it(`issue 8: ${name}`, async () => {
      const f = await make();
      try {
        await body(f);
      } finally {
        await f.close();
      }
    }, timeout);
  };

  describe(`plugin contract: ${plugin}`, () => {
    contract('exposure', async (f) => {
      const ref = await f.connect();
      expect(texts(await lastValueFrom(ref.ask('hello there').pipe(toArray())))).toEqual(['echo: hello there']);
    });

    contract('link state', async (f) => {
      const ref = await f.connect();
      // A ref handed out by connect is on a link that is up, and says so.
      expect(ref.state).toBe('up');
    });

    contract('streaming', async (f) => {
      const ref = await f.connect();
      const t = tag();
      // The agent holds its turn after the first part until cancelled: the part can only arrive
      // before the end if the plugin streams it.
      const first = await firstValueFrom(ref.ask(`hold ${t}`));
      expect(textOf([first])).toBe('first');
      await f.reported(`aborted:${t}`);
    });

    contract('cancel on unsubscribe', async (f) => {
      const ref = await f.connect();
      const t = tag();
      await new Promise<void>((resolve, reject) => {
        const sub = ref.ask(`hold ${t}`).subscribe({ next: () => { sub.unsubscribe(); resolve(); }, error: reject });
      });
      await f.reported(`aborted:${t}`);
    });

    contract('cancel on timeout', async (f) => {
      const ref = await f.connect();
      const t = tag();
      const err = await lastValueFrom(ref.ask(`hold ${t}`, { timeoutMs: 500 })).catch((e: unknown) => e);
      expect(TroupeError.is(err, 'ASK_TIMEOUT'), String(err)).toBe(true);
      await f.reported(`aborted:${t}`);
    });

    contract('cancel on signal', async (f) => {
      const ref = await f.connect();
      const t = tag();
      const abort = new AbortController();
      const parts: Part[] = [];
      const ended = new Promise<void>((resolve) => {
        ref.ask(`hold ${t}`, { signal: abort.signal }).subscribe({
          next: (p) => { parts.push(p); if (parts.length === 1) abort.abort(); },
          // A cancelled turn may end either way; what matters is that it ends and the agent stops.
          error: () => resolve(),
          complete: () => resolve(),
        });
      });
      await f.reported(`aborted:${t}`);
      await ended;
      expect(texts(parts)[0]).toBe('first');
    });

    contract('error with cause', async (f) => {
      const ref = await f.connect();
      const t = tag();
      const err = await lastValueFrom(ref.ask(`fail ${t}`)).catch((e: unknown) => e);
      expect(TroupeError.is(err), String(err)).toBe(true);
      const e = err as TroupeError;
      expect(e.code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(e.message).toContain(`contract failure ${t}`);
      expect(e.cause).toBeInstanceOf(ProtocolError);
      // The agent is still there after its failure.
      expect(texts(await lastValueFrom(ref.ask('again').pipe(toArray())))).toEqual(['echo: again']);
    });

    contract('back-pressure', async (f) => {
      const ref = await f.connect();
      const t = tag();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      const got: Part[] = [];
      let firstSeen: () => void = () => undefined;
      const first = new Promise<void>((resolve) => { firstSeen = resolve; });
      const all = new Promise<Part[]>((resolve, reject) => {
        ref.ask(`burst 40 ${t}`, { ready: () => (got.length === 1 ? gate : undefined) }).subscribe({
          next: (p) => { got.push(p); if (got.length === 1) firstSeen(); },
          error: reject,
          complete: () => resolve(got),
        });
      });
      await first;
      // While the consumer is not ready nothing more is delivered, however far the agent got.
      await f.reported(`burst-done:${t}`);
      expect(got.length).toBe(1);
      release();
      // Every part arrives, in order (a plugin may coalesce adjacent text parts on the wire).
      expect(texts(await all).join('')).toBe(Array.from({ length: 40 }, (_, i) => `p${i}`).join(''));
    });

    contract('dead link', async (f) => {
      const err = await f.connectDead().then(() => new Error('connected to a dead target'), (e: unknown) => e);
      expect(TroupeError.is(err, 'UNREACHABLE'), String(err)).toBe(true);
      expect((err as TroupeError).message).toContain(f.deadName);
    });
  });
}
