import type { Writable } from 'node:stream';

/** Streams written once already in this turn of the event loop. */
let wroteThisTurn = new Set<Writable>();
let resetScheduled = false;

function resetTurn(): void {
  wroteThisTurn = new Set();
  resetScheduled = false;
}

function uncork(stream: Writable): void {
  stream.uncork();
}

/**
 * Call before writing one message to a stream. The first write of a loop turn goes straight out
 * (no added latency for a lone message); from the second one on the stream is corked until the
 * check phase, so a burst leaves in one system call instead of one per message.
 *
 * @example
 * batchWrites(socket);
 * ws.send(text);
 */
export function batchWrites(stream: Writable | undefined): void {
  if (!stream || stream.writableCorked > 0) return;
  if (!wroteThisTurn.has(stream)) {
    wroteThisTurn.add(stream);
    if (!resetScheduled) {
      resetScheduled = true;
      setImmediate(resetTurn);
    }
    return;
  }
  stream.cork();
  setImmediate(uncork, stream);
}
