export { NdjsonTransport } from './ndjson-transport.js';
export type { ByteSink, ByteSource, NdjsonTransportOptions } from './ndjson-transport.js';
export type { LineSplitter, SplitEvent } from './line-splitter.js';
export type { LineTransport } from './line-transport.js';
