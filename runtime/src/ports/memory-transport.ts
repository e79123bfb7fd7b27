import { TroupeError } from '../types/troupe-error.js';
import type { Transport } from './transport.js';

type State = 'new' | 'open' | 'closed';

/** One end of an in-memory linked pair. Frames are delivered asynchronously, in order. */
class MemoryTransport<Frame> implements Transport<Frame> {
  onmessage?: ((frame: Frame) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;
  peer: MemoryTransport<Frame> | undefined;
  private state: State = 'new';
  private inbox: Frame[] = [];
  private flushing = false;

  async start(): Promise<void> {
    if (this.state !== 'new') throw new TroupeError('TRANSPORT_CLOSED', `start() called on a ${this.state} transport`);
    this.state = 'open';
    this.flush();
  }

  async send(frame: Frame): Promise<void> {
    if (this.state === 'closed') throw new TroupeError('TRANSPORT_CLOSED', 'send() after close');
    if (this.state === 'new') throw new TroupeError('TRANSPORT_CLOSED', 'send() before start()');
    const peer = this.peer;
    if (!peer || peer.state === 'closed') throw new TroupeError('TRANSPORT_CLOSED', 'the peer has closed');
    peer.inbox.push(frame);
    peer.flush();
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.inbox = [];
    const peer = this.peer;
    queueMicrotask(() => this.onclose?.());
    if (peer && peer.state !== 'closed') {
      // The peer sees frames sent before the close, then the close itself.
      queueMicrotask(() => void peer.close());
    }
  }

  /** Simulates a non-fatal transport problem (for tests of error handling). */
  injectError(error: Error): void {
    queueMicrotask(() => this.onerror?.(error));
  }

  private flush(): void {
    if (this.flushing || this.state !== 'open') return;
    this.flushing = true;
    queueMicrotask(() => {
      this.flushing = false;
      while (this.state === 'open' && this.inbox.length > 0) {
        const batch = this.inbox;
        this.inbox = [];
        for (const f of batch) this.onmessage?.(f);
      }
    });
  }
}

/**
 * Two transports linked back to back, for tests and for in-process links.
 *
 * @example
 * const [a, b] = createLinkedPair<string>();
 * b.onmessage = (f) => frames.push(f);
 * await a.start(); await b.start(); await a.send('hi');
 */
export function createLinkedPair<Frame = unknown>(): [Transport<Frame> & { injectError(e: Error): void }, Transport<Frame> & { injectError(e: Error): void }] {
  const a = new MemoryTransport<Frame>();
  const b = new MemoryTransport<Frame>();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
