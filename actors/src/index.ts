export {
  agentEventTypes,
  agentMachine,
  type AgentEvent,
  type AgentEventType,
  type AgentLifecycleState,
} from './machines/agent-machine.js';
export {
  peerLinkEventTypes,
  peerLinkMachine,
  type PeerLinkContext,
  type PeerLinkEvent,
  type PeerLinkInput,
  type PeerLinkState,
} from './machines/peer-link-machine.js';
export {
  sessionEventTypes,
  sessionMachine,
  type SessionContext,
  type SessionEvent,
  type SessionInput,
  type SessionState,
} from './machines/session-machine.js';
export {
  taskEventTypes,
  taskMachine,
  type TaskContext,
  type TaskEvent,
  type TaskHistoryEntry,
  type TaskInput,
  type TaskState,
} from './machines/task-machine.js';
export { Agent, type AgentClass } from './agent.js';
export { defaultCard, type AgentCard } from './agent-card.js';
export { agentContext, type AgentContext, type AgentOrigin, type SessionInfo, type TaskInfo } from './agent-context.js';
export {
  noClient, type ClientBridge, type ClientTerminal, type ElicitationRequest, type ElicitationResult, type PermissionOption,
  type PermissionOutcome, type PermissionRequest, type TerminalOptions,
} from './client-bridge.js';
export { WorkflowRef, type AskFn, type Composition, type WorkflowOptions } from './workflows/workflow-ref.js';
export { pipeline } from './workflows/pipeline.js';
export { fanOut, type Gather } from './workflows/fan-out.js';
export { route, type Selector } from './workflows/route.js';
export { handoff, handoffTo, HANDOFF_MIME } from './workflows/handoff.js';
export { RemoteRef, type LinkState, type RemoteRefInit, type RemoteReply, type RemoteTurn } from './remote/remote-ref.js';
export { ProtocolError } from './remote/protocol-error.js';
