/**
 * @troupe/plugin-relay/testing — the kit for testing a relay node from outside: start nodes on
 * loopback, talk to their HTTP API and SSE stream, poll for a condition, and play a bare peer or
 * a byte-exact HTTP client. Specs and this package's own tests share it.
 */
export { startNode, connectedPair, type TestNode, type TestNodeOptions } from './test-node.js';
export { http, get, post, type HttpReply } from './http-exchange.js';
export { sse, type SseReader } from './sse-reader.js';
export { until } from './until.js';
export { rawPeer, type RawPeer } from './raw-peer.js';
export { RawClient, WAIT_MS, type RawResponse } from './raw-http-client.js';
