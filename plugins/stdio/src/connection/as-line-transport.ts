import type { Transport } from '@troupe/runtime';
import type { LineTransport } from '@troupe/transport-ndjson';

/**
 * Gives any `Transport<string>` the synchronous write path of a {@link LineTransport}: the
 * in-memory linked pair of unit tests, or a future transport without one. A transport that already
 * has it (the ndjson transport over real pipes) is returned as it is, so the hot path stays lean.
 *
 * @example
 * const [a] = createLinkedPair<string>();
 * asLineTransport(a).write('{"jsonrpc":"2.0","method":"x"}');
 */
export function asLineTransport(transport: Transport<string>): LineTransport {
  const t = transport as Partial<LineTransport> & Transport<string>;
  if (typeof t.write === 'function' && typeof t.ready === 'function') return t as LineTransport;
  const wrapped: LineTransport = {
    start: () => transport.start(),
    send: (line) => transport.send(line),
    close: () => transport.close(),
    write: (line) => {
      transport.send(line).catch((err: unknown) => wrapped.onerror?.(err instanceof Error ? err : new Error(String(err))));
      return undefined;
    },
    ready: () => undefined,
  };
  transport.onmessage = (line) => wrapped.onmessage?.(line);
  transport.onerror = (err) => wrapped.onerror?.(err);
  transport.onclose = () => wrapped.onclose?.();
  return wrapped;
}
