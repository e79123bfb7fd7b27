// Serve mode over a real process fed bad input: checklist items 6, 7, 8 (and 13, 16) end to end.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, spawnRecorded, type RecordedChild } from './support/processes.js';

const children: RecordedChild[] = [];
afterAll(() => { for (const c of children) c.child.kill('SIGKILL'); });

async function until<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Peak resident memory (VmHWM) of a process, in bytes (Linux). */
function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

describe('serve: bad input over real pipes', () => {
  it('6, 7, 13, 16: malformed JSON, a batch, an unknown method; the connection keeps serving', async () => {
    const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
    children.push(rec);
    const w = (s: string) => rec.child.stdin.write(`${s}\n`);
    w('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":1}');
    w('[{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":1}}]');
    w('{"jsonrpc":"2.0","id":"3","method":"initialize","params":{"protocolVersion":1}}');
    w('{"jsonrpc":"2.0","id":4,"method":"session/fork","params":{}}');
    await until(() => (rec.out.some((f) => f['id'] === 4) ? true : undefined));
    expect(rec.out[0]).toMatchObject({ id: null, error: { code: -32700 } });
    expect(rec.out[1]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rec.out[2]).toMatchObject({ id: '3', result: { protocolVersion: 1 } });
    expect(rec.out[3]).toMatchObject({ id: 4, error: { code: -32601 } });
    expect(rec.out).toHaveLength(4);
  });

  it('issue 9.3: requests nested 5,000 and 100,000 levels deep are answered -32700 id null; the connection keeps serving', async () => {
    const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
    children.push(rec);
    const w = (s: string) => rec.child.stdin.write(`${s}\n`);
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    w('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":1}}');
    w(`{"jsonrpc":"2.0","id":2,"method":"session/new","params":{"cwd":"/tmp","mcpServers":${deep(5_000)}}}`);
    w(`{"jsonrpc":"2.0","id":3,"method":"_x/y","params":${deep(100_000)}}`);
    w('{"jsonrpc":"2.0","id":4,"method":"session/new","params":{"cwd":"/tmp","mcpServers":[]}}');
    await until(() => (rec.out.some((f) => f['id'] === 4) ? true : undefined));
    expect(rec.out.map((f) => [f['id'], (f['error'] as { code?: number } | undefined)?.code ?? 'result'])).toEqual([[1, 'result'], [null, -32700], [null, -32700], [4, 'result']]);
    expect(rec.out[1]).toMatchObject({ error: { data: { details: 'JSON nested deeper than 512 levels' } } });
  });

  it('8: a 33 MiB request line is answered -32600 with its id, memory stays bounded, and the connection stays open', async () => {
    const rec = spawnRecorded(process.execPath, [join(FIXTURES, 'troupe-agent.mjs')]);
    children.push(rec);
    rec.child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":1}}\n');
    await until(() => (rec.out.some((f) => f['id'] === 1) ? true : undefined));
    const before = peakRss(rec.child.pid as number);
    const big = `{"jsonrpc":"2.0","id":42,"method":"session/prompt","params":{"sessionId":"s","prompt":[{"type":"text","text":"${'y'.repeat(33 * 1024 * 1024)}"}]}}\n`;
    rec.child.stdin.write(big);
    rec.child.stdin.write('{"jsonrpc":"2.0","id":43,"method":"session/new","params":{"cwd":"/tmp","mcpServers":[]}}\n');
    const tooBig = await until(() => rec.out.find((f) => f['id'] === 42), 20_000);
    expect(tooBig).toMatchObject({ error: { code: -32600, message: 'message too large', data: { limit: 32 * 1024 * 1024 } } });
    expect(await until(() => rec.out.find((f) => f['id'] === 43))).toHaveProperty('result.sessionId');
    expect(peakRss(rec.child.pid as number) - before).toBeLessThan(64 * 1024 * 1024);
  }, 30_000);
});
