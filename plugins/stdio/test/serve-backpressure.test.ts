import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createSystem, text, type ActorSystem } from '@troupe/runtime';
import { serveStdio } from '@troupe/plugin-stdio';

let system: ActorSystem | undefined;
afterEach(async () => { await system?.shutdown({ deadlineMs: 0 }); system = undefined; });

/** An editor's end of stdout that can stop reading: writes are held until `resume()`. */
class StallableReader extends Writable {
  received = '';
  private held: (() => void)[] = [];
  private stalled = true;
  constructor() {
    super({ highWaterMark: 64 * 1024, decodeStrings: false });
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.received += chunk.toString();
    if (this.stalled) this.held.push(() => done());
    else done();
  }
  resume(): void {
    this.stalled = false;
    for (const d of this.held.splice(0)) d();
  }
}

const CHUNKS = 100_000;
const CHUNK = 'x'.repeat(90);

describe('serve back-pressure', () => {
  it('47: with a client that stops reading stdout, the agent is held back once ~1 MiB is unwritten, and nothing is lost when reading resumes', async () => {
    system = await createSystem();
    let pulled = 0;
    const agent = async function* () {
      for (let i = 0; i < CHUNKS; i++) {
        pulled += 1;
        yield text(`${i}:${CHUNK}\n`);
      }
    };
    const input = new PassThrough();
    const output = new StallableReader();
    await serveStdio(agent, { system, input, output, onEvent: () => {} });
    const send = (frame: unknown) => input.write(`${JSON.stringify(frame)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1, clientCapabilities: {} } });
    send({ jsonrpc: '2.0', id: 2, method: 'session/new', params: { cwd: '/tmp', mcpServers: [] } });
    // let the handshake through, then stall again for the turn
    output.resume();
    for (let i = 0; i < 50 && !output.received.includes('"id":2'); i++) await new Promise((r) => setTimeout(r, 10));
    const sessionId = (JSON.parse(output.received.split('\n').find((l) => l.includes('"id":2')) ?? '{}') as { result: { sessionId: string } }).result.sessionId;
    const stalled = new StallableReader();
    (output as unknown as { _write: Writable['_write'] })._write = (chunk, enc, done) => stalled._write(chunk, enc, done);
    send({ jsonrpc: '2.0', id: 3, method: 'session/prompt', params: { sessionId, prompt: [{ type: 'text', text: 'go' }] } });
    for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 10));
    const pulledWhileStalled = pulled;
    const heldBytes = stalled.received.length;
    // Each frame is ~160 bytes: 1 MiB of unwritten output is ~6,500 chunks; allow the stream buffers.
    expect(pulledWhileStalled).toBeGreaterThan(1_000);
    expect(pulledWhileStalled).toBeLessThan(20_000);
    expect(heldBytes).toBeLessThan(4 * 1024 * 1024);
    stalled.resume();
    for (let i = 0; i < 500 && !stalled.received.includes('"id":3'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(pulled).toBe(CHUNKS);
    const texts = stalled.received.split('\n').filter((l) => l.includes('agent_message_chunk')).map((l) => (JSON.parse(l) as { params: { update: { content: { text: string } } } }).params.update.content.text);
    expect(texts).toHaveLength(CHUNKS);
    expect(texts.every((t, i) => t.startsWith(`${i}:`))).toBe(true);
    expect(stalled.received).toMatch(/"id":3,"result":\{"stopReason":"end_turn"\}/);
  });
});
