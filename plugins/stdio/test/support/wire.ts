import { PassThrough } from 'node:stream';
import { flushMicrotasks } from '@troupe/runtime/testing';

/** A scripted peer on the other end of a pair of in-memory pipes. */
export class WirePeer {
  /** What we write to the endpoint under test. */
  readonly toEndpoint = new PassThrough();
  /** What the endpoint under test writes. */
  readonly fromEndpoint = new PassThrough();
  readonly frames: Record<string, unknown>[] = [];
  raw = '';
  private waiters: (() => void)[] = [];

  constructor() {
    this.fromEndpoint.setEncoding('utf8');
    this.fromEndpoint.on('data', (chunk: string) => {
      this.raw += chunk;
      const lines = chunk.split('\n');
      for (const line of lines) if (line.length > 0) this.frames.push(JSON.parse(line) as Record<string, unknown>);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(frame: unknown): void {
    this.toEndpoint.write(`${typeof frame === 'string' ? frame : JSON.stringify(frame)}\n`);
  }

  /** Waits (bounded) until a frame matches. */
  async waitFor(pred: (f: Record<string, unknown>) => boolean, timeoutMs = 2000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
  }

  response(id: unknown): Promise<Record<string, unknown>> {
    return this.waitFor((f) => f['id'] === id && ('result' in f || 'error' in f));
  }

  async settle(): Promise<void> {
    await flushMicrotasks(5);
  }
}
