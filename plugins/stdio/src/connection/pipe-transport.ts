import { DEFAULT_MAX_MESSAGE_BYTES, HARD_MAX_OUTBOUND_BYTES, LineDecoder } from '@troupe/protocol-stdio';
import { NdjsonTransport, type ByteSink, type ByteSource } from '@troupe/transport-ndjson';

/**
 * The ndjson transport over real pipes with ACP's framing (§3.1, §3.2): the protocol's line
 * decoder bounds inbound lines at `maxMessageBytes`, outbound lines are capped at the same limit
 * and never above the 32 MiB SDK peers accept.
 *
 * @example
 * const ep = new RpcEndpoint(pipeTransport(child.stdout, child.stdin), { mode: 'drive' });
 */
export function pipeTransport(source: ByteSource, sink: ByteSink, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): NdjsonTransport {
  return new NdjsonTransport(source, sink, {
    splitter: new LineDecoder({ maxMessageBytes }),
    maxLineBytes: Math.min(maxMessageBytes, HARD_MAX_OUTBOUND_BYTES),
  });
}
