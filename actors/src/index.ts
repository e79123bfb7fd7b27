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
