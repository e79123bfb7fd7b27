import type { Writable } from 'node:stream';

/**
 * Corks a stream until the check phase of this loop turn, so every write made meanwhile (several SSE
 * events from one peer packet, several frames for one peer) leaves in one system call. Under load
 * that is the difference between one syscall per message and one per batch; when idle it costs
 * nothing (a single write is flushed on the same tick).
 *
 * @example
 * corkThisTick(res);
 * res.write(block);
 */
export function corkThisTick(stream: Writable | undefined): void {
  if (!stream || stream.writableCorked > 0) return;
  stream.cork();
  setImmediate(uncork, stream);
}

function uncork(stream: Writable): void {
  stream.uncork();
}
