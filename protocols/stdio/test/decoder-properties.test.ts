/**
 * Property tests: generated and mutated frames go through the whole receive
 * path (bytes → LineDecoder at random chunk boundaries → decodeLine →
 * validateParams / decodeSessionUpdate). Nothing may throw, and every bad
 * frame must come out as an error. The SDK's JSON Schema is the oracle for
 * "bad params".
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  LineDecoder, METHOD_CATALOGUE, decodeLine, decodeSessionUpdate, encodeFrame, isKnownMethod, notification, request,
  validateParams, type Inbound, type KnownMethod, type PeerMode, type RequestMethod,
} from '../src/index.js';
import { cut, enc } from './support/bytes.js';
import { paramsExamples } from './support/examples.js';
import { defsByMethod, schemaErrors } from './support/schema.js';

const defs = defsByMethod();
const methods = Object.keys(METHOD_CATALOGUE) as KnownMethod[];

/** Subtrees where Troupe is deliberately more lenient than the schema (documented in the validators). */
const LENIENT = [/^\/clientCapabilities(\/|$)/, /^\/clientInfo(\/|$)/, /^\/requestedSchema\/(?!properties\/[^/]+\/type$)/];

type Path = (string | number)[];

function allPaths(v: unknown, prefix: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [];
  const out: Path[] = [];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, child] of entries) {
    out.push([...prefix, k], ...allPaths(child, [...prefix, k]));
  }
  return out;
}

function pointer(p: Path): string {
  return p.map((s) => '/' + String(s)).join('');
}

/** Deletes (object members only) or replaces the value at `path` with one of a different JSON type. */
function mutate(root: unknown, path: Path, del: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const old = parent[last];
  if (del && !Array.isArray(parent)) delete parent[last];
  else parent[last] = typeof old === 'object' && old !== null && !Array.isArray(old) ? 12345 : { __bad: 1 };
  return copy;
}

/** Runs raw bytes through the decoder with arbitrary chunking and classifies every line. */
function receive(bytes: Uint8Array, cuts: number[], mode: PeerMode): Inbound[] {
  const d = new LineDecoder({ maxMessageBytes: 1 << 20 });
  const out: Inbound[] = [];
  for (const c of cut(bytes, cuts)) for (const ev of d.push(c)) if (ev.kind === 'line') out.push(decodeLine(ev.text, mode));
  for (const ev of d.end()) if (ev.kind === 'line') out.push(decodeLine(ev.text, mode));
  return out;
}

const exampleArb = fc.constantFrom(...methods).chain((method) =>
  fc.tuple(fc.constant(method), fc.constantFrom(...(paramsExamples[method] as unknown[]))));

function frameFor(method: KnownMethod, params: unknown, id: number | string) {
  return METHOD_CATALOGUE[method].kind === 'request'
    ? request(id, method as RequestMethod, params as never)
    : notification(method as 'session/update', params as never);
}

describe('decoder properties', () => {
  test('mutated params: never throws, and every schema-invalid params yields an error', () => {
    let bad = 0;
    fc.assert(
      fc.property(exampleArb, fc.nat(), fc.boolean(), fc.oneof(fc.integer(), fc.string()), fc.array(fc.nat(), { maxLength: 5 }),
        ([method, params], pick, del, id, cuts) => {
          const paths = allPaths(params);
          if (paths.length === 0) return;
          const path = paths[pick % paths.length] as Path;
          const mutated = mutate(params, path, del);
          const r = encodeFrame(frameFor(method, mutated, id));
          if (!r.ok) throw new Error('encode failed');
          const bytes = enc.encode(r.line);
          const [msg] = receive(bytes, cuts.map((c) => c % (bytes.length + 1)), 'serve');
          if (msg === undefined || (msg.type !== 'request' && msg.type !== 'notification')) throw new Error(`decoded as ${msg?.type}`);
          if (!isKnownMethod(msg.method)) throw new Error('method changed');
          const verdict = validateParams(msg.method, msg.params);
          const schemaBad = schemaErrors(defs.get(method)?.params ?? '', mutated) !== undefined;
          if (schemaBad && !LENIENT.some((re) => re.test(pointer(path)))) {
            bad++;
            expect(verdict.ok, `${method} ${pointer(path)} del=${del}`).toBe(false);
            if (!verdict.ok) expect(verdict.error.code).toBe(-32602);
            if (method === 'session/update') expect(decodeSessionUpdate(msg.params).kind).not.toBe('known');
          }
        }),
      { numRuns: 10_000 },
    );
    // The oracle must actually have exercised bad frames.
    expect(bad).toBeGreaterThan(2000);
  });

  test('byte-level corruption: never throws; non-JSON is -32700 (serve) or noise (drive)', () => {
    fc.assert(
      fc.property(exampleArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'del', 'ins')), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<PeerMode>('serve', 'drive'), fc.array(fc.nat(), { maxLength: 5 }),
        ([method, params], edits, mode, cuts) => {
          const r = encodeFrame(frameFor(method, params, 1));
          if (!r.ok) throw new Error('encode failed');
          const bytes = [...enc.encode(r.line.slice(0, -1))];
          for (const [pos, byte, op] of edits) {
            const at = pos % (bytes.length + 1);
            if (op === 'set') bytes[at] = byte;
            else if (op === 'del') bytes.splice(at, 1);
            else bytes.splice(at, 0, byte);
          }
          const data = Uint8Array.from(bytes);
          const results = receive(data, cuts.map((c) => c % (data.length + 1)), mode);
          const text = new TextDecoder().decode(data);
          for (const m of results) {
            if (m.type === 'request' && isKnownMethod(m.method)) validateParams(m.method, m.params);
            if (m.type === 'notification' && m.method === 'session/update') decodeSessionUpdate(m.params);
          }
          if (!text.includes('\n') && text.trim() !== '') {
            let parses = true;
            try { JSON.parse(text.replace(/^\uFEFF/, '').replace(/\r$/, '')); } catch { parses = false; }
            if (!parses) {
              expect(results).toHaveLength(1);
              const m = results[0];
              if (mode === 'serve') expect(m?.type === 'invalid' && m.reply?.error.code).toBe(-32700);
              else expect(m?.type).toBe('noise');
            }
          }
        }),
      { numRuns: 5_000 },
    );
  });

  test('envelope mutations always classify as invalid, never as a callable message', () => {
    const envelopeBreaks: ((f: Record<string, unknown>) => unknown)[] = [
      (f) => ({ ...f, jsonrpc: '1.0' }),
      (f) => ({ ...f, id: { nested: true } }),
      (f) => ({ ...f, id: 1, method: 42 }),
      (f) => ({ ...f, id: 1, params: 'flat' }),
      (f) => [f],
    ];
    fc.assert(
      fc.property(exampleArb, fc.constantFrom(...envelopeBreaks), fc.constantFrom<PeerMode>('serve', 'drive'), ([method, params], brk, mode) => {
        const frame = { ...frameFor(method, params, 1) } as Record<string, unknown>;
        const m = decodeLine(JSON.stringify(brk(frame)), mode);
        expect(m.type).toBe('invalid');
      }),
      { numRuns: 2_000 },
    );
  });

  test('arbitrary JSON values never throw in either mode and classify into exactly one kind', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<PeerMode>('serve', 'drive'), (v, mode) => {
        const m = decodeLine(JSON.stringify(v) ?? 'null', mode);
        expect(['request', 'notification', 'result', 'error', 'invalid', 'noise']).toContain(m.type);
        if (m.type === 'request' && isKnownMethod(m.method)) validateParams(m.method, m.params);
        if (m.type === 'notification' && m.method === 'session/update') decodeSessionUpdate(m.params);
      }),
      { numRuns: 3_000 },
    );
  });
});
