import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSystem } from '@troupe/runtime';
import { serveStdio } from '@troupe/plugin-stdio';
import { WirePeer } from './support/wire.js';

const METHODS = ['initialize', 'session/new', 'session/prompt', 'session/cancel', 'session/load', 'session/set_mode', '$/cancel_request', '_x/ext', 'nope', 'session/list'];

/** A valid-looking frame, then maybe mutated at the text level (truncated, a character replaced, garbage). */
function lines(idBase: { n: number }) {
  const params = fc.oneof(fc.constant(undefined), fc.constant(null), fc.jsonValue(), fc.record({ sessionId: fc.string(), cwd: fc.oneof(fc.constant('/tmp'), fc.string()), mcpServers: fc.oneof(fc.constant([]), fc.jsonValue()), prompt: fc.jsonValue() }, { requiredKeys: [] }));
  const frame = fc.record({ kind: fc.constantFrom('request', 'notification', 'response', 'array', 'scalar'), method: fc.constantFrom(...METHODS), params });
  const mutation = fc.oneof(
    { weight: 3, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.record({ cut: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ at: fc.nat(), ch: fc.constantFrom('"', '{', '}', ',', ':', '\\', 'x', ' ') }) },
    { weight: 1, arbitrary: fc.record({ garbage: fc.string({ minLength: 1 }) }) },
  );
  return fc.tuple(frame, mutation).map(([f, m]) => {
    let obj: unknown;
    let id: number | undefined;
    if (f.kind === 'request') { id = idBase.n++; obj = { jsonrpc: '2.0', id, method: f.method, ...(f.params === undefined ? {} : { params: f.params }) }; }
    else if (f.kind === 'notification') obj = { jsonrpc: '2.0', method: f.method, ...(f.params === undefined ? {} : { params: f.params }) };
    else if (f.kind === 'response') obj = { jsonrpc: '2.0', id: 900_000 + idBase.n++, result: f.params ?? {} };
    else if (f.kind === 'array') obj = [{ jsonrpc: '2.0', id: 1, method: f.method }];
    else obj = f.params ?? 0;
    let text = JSON.stringify(obj);
    if (m !== 'none') {
      id = undefined; // a mutated request may no longer be one: only count it as "must not crash"
      if ('cut' in m) text = text.slice(0, m.cut % Math.max(1, text.length));
      else if ('at' in m) { const i = m.at % Math.max(1, text.length); text = text.slice(0, i) + m.ch + text.slice(i + 1); }
      else text = m.garbage;
    }
    text = text.replace(/[\r\n]/g, ' ');
    // The expectation comes from the final text: a mutation may leave a valid request (possibly with another id).
    let expectation: 'parse-error' | 'batch' | 'answer' | 'any' = 'any';
    let key: string | undefined;
    try {
      const v = JSON.parse(text) as Record<string, unknown>;
      if (Array.isArray(v)) expectation = 'batch';
      else if (typeof v === 'object' && v !== null && typeof v['method'] === 'string' && (typeof v['id'] === 'number' || typeof v['id'] === 'string')) {
        expectation = 'answer';
        key = JSON.stringify(v['id']);
      }
    } catch { expectation = text.trim() === '' ? 'any' : 'parse-error'; }
    void id;
    return { text, key, expectation };
  });
}

describe('serve: property test of the inbound path (fast-check)', () => {
  it('feeds >= 10,000 generated and mutated frames: no throw escapes, each request is answered once, each bad frame gets an error', async () => {
    const system = await createSystem({});
    const peer = new WirePeer();
    const events: string[] = [];
    await serveStdio(() => 'ok', { system, input: peer.toEndpoint, output: peer.fromEndpoint, onEvent: (e) => events.push(e.msg) });
    peer.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { protocolVersion: 1 } });
    await peer.response('init');
    const idBase = { n: 0 };
    const samples = fc.sample(lines(idBase), { numRuns: 10_500, seed: 42 });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => { uncaught.push(e); };
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      for (const s of samples) peer.send(s.text);
      const expectedAnswers = samples.filter((s) => s.expectation === 'answer').length;
      const expectedNullErrors = samples.filter((s) => s.expectation === 'parse-error' || s.expectation === 'batch').length;
      const deadline = Date.now() + 15_000;
      const answered = () => peer.frames.filter((f) => f['id'] !== null && f['id'] !== 'init').length;
      while (answered() < expectedAnswers && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await peer.settle();
      const count = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
      const got = new Map<string, number>();
      const want = new Map<string, number>();
      for (const f of peer.frames) if (f['id'] !== null && f['id'] !== 'init') count(got, JSON.stringify(f['id']));
      for (const s of samples) if (s.key !== undefined) count(want, s.key);
      expect(got).toEqual(want);
      const nullErrors = peer.frames.filter((f) => f['id'] === null && 'error' in f).length;
      expect(nullErrors).toBeGreaterThanOrEqual(expectedNullErrors);
      expect(samples.length).toBeGreaterThanOrEqual(10_000);
      for (const f of peer.frames) expect(f['jsonrpc']).toBe('2.0');
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
      await system.shutdown({ deadlineMs: 0 });
    }
  }, 60_000);
});
