export { WsTransport, remoteOf } from './ws-transport.js';
export type { WsTransportOptions } from './ws-transport.js';
export { WsListener } from './ws-listener.js';
export type { WsConnectionInfo, WsListenOptions } from './ws-listener.js';
export { dialWs } from './dial-ws.js';
export type { DialWsOptions } from './dial-ws.js';
export { batchWrites } from './write-batching.js';
