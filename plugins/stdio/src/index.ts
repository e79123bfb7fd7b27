/**
 * @troupe/plugin-stdio: the Agent Client Protocol over stdio, both sides. Serve a Troupe agent to an
 * editor (`serveStdio`), or drive an ACP agent subprocess as an actor (`stdio()` plugin,
 * `system.connect({ command })`).
 */
export { pipeTransport } from './connection/pipe-transport.js';
export { RpcEndpoint, ReplyThen, defaultTimeout } from './connection/rpc-endpoint.js';
export type { EndpointEvent, EndpointHandlers, EndpointOptions, RequestContext, RequestOptions } from './connection/rpc-endpoint.js';
export { ACP_ERRORS, RpcFailure, acpError } from './errors.js';
export { blockToPart, partToBlock, ACP_KEY } from './content-mapping.js';
export { serveStdio } from './serve/serve-stdio.js';
export type { ServeStdioOptions, StdioServer } from './serve/serve-stdio.js';
export type { AcpServeOptions, OpenedSession } from './serve/serve-options.js';
export { ServeConnection } from './serve/serve-connection.js';
export { partToUpdate, sessionUpdatePart, SESSION_UPDATE_MIME } from './serve/part-to-update.js';
export { AcpClientBridge } from './serve/acp-client-bridge.js';
export { sessionBehavior, taskBehavior } from './serve/session-actor.js';
export { guardStdout } from './serve/stdout-guard.js';
export { stdio } from './plugin.js';
export type { StdioPlugin, StdioPluginOptions } from './plugin.js';
export { AcpAgentLink } from './drive/acp-agent-link.js';
export { AcpClient } from './drive/acp-client.js';
export type { AcpClientOptions } from './drive/acp-client.js';
export { AgentProcess } from './drive/agent-process.js';
export type { AgentProcessOptions, ProcessExit } from './drive/agent-process.js';
export type { AcpConnectExtra, AcpConnectOptions } from './drive/connect-options.js';
export type { ClientHandlers, PermissionPolicy } from './drive/client-handlers.js';
export type { FsPolicy } from './drive/fs-handler.js';
export { DriveSession, type DriveEvent } from './drive/drive-session.js';
export { updateToPart, acpUpdateOf, ACP_UPDATE_MIME } from './drive/update-to-part.js';
export type { AcpPartMeta, UpdateFlags } from './drive/update-to-part.js';
export { pullStream } from './drive/pull-stream.js';
export type { FlowControl, PullStreamOptions } from './drive/pull-stream.js';
