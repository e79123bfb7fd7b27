/**
 * @troupe/protocol-stdio: the pure wire layer of the Agent Client Protocol
 * (ACP v1, JSON-RPC 2.0 over newline-delimited JSON). No I/O, no processes,
 * no actors. See README.md for how the pieces fit together.
 */

// Framing (§3)
export { LineDecoder, DEFAULT_MAX_MESSAGE_BYTES, OVERSIZE_HEAD_BYTES } from './framing/line-decoder.js';
export type { FrameEvent, LineEvent, OversizeEvent, LineDecoderOptions } from './framing/line-decoder.js';
export { encodeFrame, encodeJson, HARD_MAX_OUTBOUND_BYTES } from './framing/frame-encoder.js';
export type { EncodeResult, JsonEncodeResult } from './framing/frame-encoder.js';
export { sniffEnvelope } from './framing/sniff-envelope.js';
export type { EnvelopeSniff } from './framing/sniff-envelope.js';
export { classifyOversize } from './framing/oversize-policy.js';
export type { OversizeAction } from './framing/oversize-policy.js';
export { utf8ByteLength, truncateUtf8, splitUtf8 } from './framing/utf8.js';

// JSON-RPC (§4, §12)
export { decodeLine } from './json-rpc/decode-line.js';
export { MAX_LINE_DEPTH } from './json-rpc/json-depth.js';
export { classifyMessage, isJsonRpcId, NOISE_PREVIEW_BYTES } from './json-rpc/classify-message.js';
export { request, notification, resultResponse, errorResponse } from './json-rpc/build-message.js';
export { ERROR_CODES, ERROR_TABLE, describeErrorCode } from './json-rpc/error-codes.js';
export type { ErrorCodeName, ErrorCodeInfo } from './json-rpc/error-codes.js';
export {
  toJsonPointer, parseError, invalidRequest, methodNotFound, invalidParams, internalError, requestCancelled,
  authRequired, resourceNotFound, sessionNotFound, messageTooLarge, notInitialized, alreadyInitialized,
  turnAlreadyActive,
} from './json-rpc/rpc-errors.js';

// Methods (§6–§8, §15, §16)
export { AGENT_METHODS, CLIENT_METHODS, PROTOCOL_METHODS, UNSTABLE_METHODS } from './methods/method-names.js';
export { METHOD_CATALOGUE, lookupMethod, isExtensionMethod, isKnownMethod } from './methods/method-catalogue.js';
export type { MethodSpec, MethodSide, MethodLookup } from './methods/method-catalogue.js';
export { REQUEST_TIMEOUTS_MS, defaultRequestTimeoutMs } from './methods/request-timeouts.js';

// Validation (§17)
export { validateParams, validateResult } from './validation/validate.js';
export type { Issue, Validation, ParamsValidation } from './validation/validate.js';
export { decodeSessionUpdate } from './validation/decode-session-update.js';
export type { ReceivedUpdate, KnownUpdate, UnknownUpdate, InvalidUpdate } from './validation/decode-session-update.js';
export { TextChunkReader } from './validation/text-chunk-reader.js';
export { isAbsolutePath } from './validation/check.js';
export { UNSTABLE_UPDATE_KINDS } from './validation/update-checks.js';
export {
  TOOL_KINDS, TOOL_CALL_STATUSES, STOP_REASONS, PERMISSION_OPTION_KINDS, PLAN_ENTRY_PRIORITIES,
  PLAN_ENTRY_STATUSES, NOTICE_SEVERITIES, COMPACTION_STATUSES, isToolKind, isToolCallStatus, isStopReason,
  isPermissionOptionKind, isPlanEntryPriority, isPlanEntryStatus,
} from './validation/known-values.js';

// Capabilities and version (§5.1, §11)
export { hasCapability, isGateOpen, methodAllowed, requiredCapability } from './capabilities/capability-gates.js';
export type { GateContext } from './capabilities/capability-gates.js';
export {
  promptBlockAllowed, checkPromptBlocks, checkSessionSetupParams, configOptionsSendable, updateSendable,
  authMethodListable, elicitationModeAllowed,
} from './capabilities/content-gates.js';
export type { UpdateGateResult } from './capabilities/content-gates.js';
export { unadvertisedMethodError, troupeClientCapabilities, troupeAgentCapabilities } from './capabilities/troupe-gate-policy.js';
export type { TroupeClientOffer, TroupeAgentOffer } from './capabilities/troupe-gate-policy.js';
export { PROTOCOL_VERSION, negotiateProtocolVersion, checkAgentProtocolVersion } from './capabilities/protocol-version.js';
export type { VersionCheck } from './capabilities/protocol-version.js';

// Session and connection wire logic (§3.2, §4, §14)
export { isTurnContent, initialPhase, nextPhase, updateDisposition, isOutOfTurn } from './session/update-ordering.js';
export type { SessionPhase, UpdateDisposition, OrderingEvent } from './session/update-ordering.js';
export { splitTextChunk, MAX_TEXT_CHUNK_BYTES } from './session/split-text-chunk.js';
export { initializationGate } from './session/initialization-gate.js';
export { TRACE_CONTEXT_KEYS, pickTraceContext, withTraceContext } from './session/trace-context.js';
export type { InitGateDecision } from './session/initialization-gate.js';

// Builders
export {
  textBlock, imageBlock, audioBlock, resourceLinkBlock, textResourceBlock, blobResourceBlock, toolContent,
  diffContent, terminalContent,
} from './builders/content-builders.js';
export {
  agentMessageChunk, agentThoughtChunk, userMessageChunk, toolCall, toolCallUpdate, planUpdate,
  availableCommandsUpdate, currentModeUpdate, configOptionUpdate, sessionInfoUpdate, usageUpdate, noticeUpdate,
  compactionUpdate, compactionSummaryChunk, sessionUpdateFrame,
} from './builders/update-builders.js';

// Types
export type { Meta, WithMeta, OpenEnum } from './types/meta.js';
export type { JsonRpcId, RpcErrorObject, RpcRequest, RpcNotification, RpcSuccess, RpcFailure, RpcMessage } from './types/json-rpc.js';
export type {
  Inbound, InboundRequest, InboundNotification, InboundResult, InboundError, InboundInvalid, InboundNoise,
} from './types/inbound.js';
export type { PeerMode } from './types/peer-mode.js';
export type {
  Role, Annotations, TextBlock, ImageBlock, AudioBlock, ResourceLinkBlock, TextResourceContents,
  BlobResourceContents, ResourceBlock, ContentBlock, ContentBlockType,
} from './types/content.js';
export type {
  ToolKind, ToolCallStatus, ToolCallContentItem, ToolCallDiffItem, ToolCallTerminalItem, ToolCallContent,
  ToolCallLocation, ToolCallFields, ToolCall,
} from './types/tool-call.js';
export type { PlanEntryPriority, PlanEntryStatus, PlanEntry } from './types/plan.js';
export type {
  SessionMode, SessionModeState, SessionConfigOptionCategory, SessionConfigSelectOption, SessionConfigSelectGroup,
  SessionConfigSelect, SessionConfigBoolean, SessionConfigOption,
} from './types/session-config.js';
export type {
  ContentChunkFields, UserMessageChunk, AgentMessageChunk, AgentThoughtChunk, ToolCallUpdateNew, ToolCallUpdatePatch,
  PlanUpdate, AvailableCommand, AvailableCommandsUpdate, CurrentModeUpdate, ConfigOptionUpdate, SessionInfoUpdate,
  Cost, UsageUpdate, NoticeSeverity, NoticeUpdate, CompactionStatus, CompactionUpdate, CompactionSummaryChunk,
  SessionUpdate, SessionUpdateKind, SessionNotification,
} from './types/session-update.js';
export type {
  Marker, FileSystemCapabilities, ClientSessionCapabilities, ElicitationCapabilities, ClientCapabilities,
  PromptCapabilities, McpCapabilities, SessionCapabilities, AgentCapabilities, Implementation,
} from './types/capabilities.js';
export type { NameValue, McpServerStdio, McpServerHttp, McpServerSse, McpServer } from './types/mcp-server.js';
export type { AuthMethodAgent, AuthMethodTerminal, AuthMethod } from './types/auth-method.js';
export type {
  ElicitationPropertySchema, ElicitationSchema, ElicitationSessionScope, ElicitationRequestScope,
  ElicitationFormParams, ElicitationUrlParams, CreateElicitationParams, ElicitationContentValue,
  CreateElicitationResult, CompleteElicitationParams,
} from './types/elicitation.js';
export type {
  InitializeParams, InitializeResult, AuthenticateParams, EmptyObject, NewSessionParams, SessionSetup,
  NewSessionResult, LoadSessionParams, ResumeSessionParams, ListSessionsParams, SessionInfo, ListSessionsResult,
  SessionIdParams, SetSessionModeParams, SetSessionConfigOptionParams, SetSessionConfigOptionResult, StopReason,
  PromptParams, PromptResult,
} from './types/agent-methods.js';
export type {
  PermissionOptionKind, PermissionOption, RequestPermissionParams, PermissionOutcome, RequestPermissionResult,
  ReadTextFileParams, ReadTextFileResult, WriteTextFileParams, CreateTerminalParams, CreateTerminalResult,
  TerminalParams, TerminalExitStatus, TerminalOutputResult, WaitForTerminalExitResult, CancelRequestParams,
} from './types/client-methods.js';
export type {
  AgentRequestMap, ClientRequestMap, NotificationMap, RequestMap, RequestMethod, NotificationMethod, KnownMethod,
  ParamsOf, ResultOf,
} from './types/method-map.js';
export type { CapabilityHolder, CapabilityRequirement, Gate } from './types/gate.js';
