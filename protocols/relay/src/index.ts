/**
 * @troupe/protocol-relay — the pure wire layer of the ACP relay protocol (`acp_relay.py` v2.19.0):
 * links, ids, timestamps, peer frames, parts, canonical JSON, HMAC / Ed25519 signatures, the
 * AgentCard, identity documents, task states, HTTP error envelopes and body decoders, and SSE.
 * No I/O: sockets, servers and actors live in @troupe/plugin-relay.
 */

// Core values
export type { JsonObject, JsonValue } from './core/json.js';
export { isJsonObject, jsonTypeName } from './core/json.js';
export { MAX_JSON_DEPTH, jsonNestingExceeds, parseBoundedJson, type JsonLimits } from './core/bounded-json.js';
export type { Result } from './core/result.js';
export { err, ok } from './core/result.js';
export {
  ACP_VERSION,
  DEDUPE_WINDOW_SIZE,
  DEFAULT_PEER_PORT,
  DEFAULT_SYNC_TIMEOUT_SECONDS,
  EVENT_LOG_SIZE,
  exceedsMaxMsgBytes,
  HMAC_WINDOW_SECONDS,
  HTTP_PORT_OFFSET,
  HTTP_SIGNATURE_WINDOW_SECONDS,
  MAX_MSG_BYTES,
  MAX_SYNC_TIMEOUT_SECONDS,
  MESSAGE_DEQUE_SIZE,
  OFFLINE_QUEUE_PER_PEER,
  utf8ByteLength,
} from './core/limits.js';
export type { Link, ParseLinkOptions } from './core/link.js';
export { formatLink, linkWebSocketUrl, parseLink } from './core/link.js';
export { matchesTokenPath } from './core/token-path.js';
export { isRendezvousPaired, RENDEZVOUS_PAIRED_TYPE, rendezvousId } from './core/rendezvous-id.js';
export type { IdKind } from './core/ids.js';
export { formatPeerId, isClientId, isGeneratedId, newCardFrameId, newMessageId, newSessionId, newTaskId, newToken } from './core/ids.js';
export type { TimestampStyle } from './core/timestamp.js';
export { formatTimestamp, parseTimestamp, unixSeconds } from './core/timestamp.js';
export type { Role, TaskRole } from './core/role.js';
export { isRole, isTaskRole, ROLES, TASK_ROLES } from './core/role.js';
export type { DataPart, FilePart, Part, TextPart, WirePart } from './core/part.js';
export { dataPart, filePart, isDataPart, isFilePart, isTextPart, PART_TYPES, textPart } from './core/part.js';

// Peer frames
export type { FrameCommon } from './frames/frame-common.js';
export { dedupeKey, stripVerificationFlags, VERIFICATION_FLAG_KEYS } from './frames/frame-common.js';
export type { FrameStamp } from './frames/frame-stamp.js';
export type { AgentCardFrame, AgentCardFrameInit } from './frames/agent-card-frame.js';
export { buildAgentCardFrame } from './frames/agent-card-frame.js';
export type { MessageFrame, MessageFrameInit } from './frames/message-frame.js';
export { buildMessageFrame } from './frames/message-frame.js';
export type { ReplyFrame, ReplyFrameInit } from './frames/reply-frame.js';
export { buildReplyFrame, replyError } from './frames/reply-frame.js';
export type { TaskUpdatedFrame, TaskUpdatedFrameInit } from './frames/task-updated-frame.js';
export { buildTaskUpdatedFrame, taskUpdateStatus } from './frames/task-updated-frame.js';
export type { TaskDelegateFrame, TaskDelegateFrameInit } from './frames/task-delegate-frame.js';
export { buildTaskDelegateFrame } from './frames/task-delegate-frame.js';
export type { AckFrame, AckFrameInit } from './frames/ack-frame.js';
export { ACK_EXTENSION_URI, ACK_FRAME_TYPE, buildAckFrame, MAX_ACKED_IDS } from './frames/ack-frame.js';
export type { ErrorFrame } from './frames/error-frame.js';
export { buildInvalidTokenFrame, INVALID_TOKEN_CLOSE, INVALID_TOKEN_CODE } from './frames/error-frame.js';
export type { LegacyFrame } from './frames/legacy-frame.js';
export { legacyFrameText } from './frames/legacy-frame.js';
export { requeueFrame } from './frames/requeue-frame.js';
export { encodeFrame } from './frames/encode-frame.js';
export type { DecodeFrameOptions, FrameDecodeError, PeerFrame, PeerFrameKind } from './frames/decode-frame.js';
export { decodeFrame, decodeFrameObject } from './frames/decode-frame.js';

// Canonical JSON
export type { LosslessObject, LosslessValue } from './canonical/lossless-json.js';
export { JsonNumberLexeme, parseLosslessJson } from './canonical/lossless-json.js';
export { canonicalNumber, pythonFloatRepr } from './canonical/python-number.js';
export { canonicalJson, canonicalJsonFromText, canonicalSha256, compareCodePoints, tryCanonicalJson } from './canonical/canonical-json.js';

// Signatures and identity
export { base64urlDecode, base64urlEncode } from './signing/base64url.js';
export { base58btcEncode } from './signing/base58btc.js';
export { didAcp, didKey, didMatchesKey, ed25519Multibase } from './signing/did.js';
export type { Ed25519Identity } from './signing/ed25519-identity.js';
export {
  ed25519IdentityFromKeyFile,
  ed25519IdentityFromSeed,
  generateEd25519Identity,
  signEd25519,
  verifyEd25519,
} from './signing/ed25519-identity.js';
export { constantTimeEqual } from './signing/constant-time.js';
export type { HmacCheck, HmacCheckOptions } from './signing/hmac.js';
export { addHmacSignature, checkHmacSignature, hmacSignature } from './signing/hmac.js';
export type { BodySignatureCheck } from './signing/hmac-body.js';
export { addBodySignature, bodySignature, bodySigningInput, checkBodySignature, HMAC_BODY_EXTENSION_URI } from './signing/hmac-body.js';
export type { FrameIdentityBlock, FrameIdentityCheck } from './signing/frame-identity.js';
export { addFrameIdentity, checkFrameIdentity } from './signing/frame-identity.js';
export type { CardIdentity, CardVerification } from './signing/card-signature.js';
export { cardIdentityBlock, checkCardSignature, signAgentCard, UNSIGNED_CARD_ERROR } from './signing/card-signature.js';
export type { HttpSignature, HttpSignatureCheck } from './signing/http-signature.js';
export { checkHttpSignature, httpSignatureKeyId, httpSignaturePayload, signHttpMessage } from './signing/http-signature.js';
export type { FrameSigningKeys, OutboundFrame } from './signing/sign-frame.js';
export { prepareOutboundFrame, signFrame } from './signing/sign-frame.js';
export type { InboundVerification, InboundVerificationOptions, VerificationName } from './signing/verify-inbound-frame.js';
export { verifyInboundFrame } from './signing/verify-inbound-frame.js';

// AgentCard and identity documents
export type { AgentCard, Availability, CardExtension, CardTrust, Skill, TrustSignal } from './card/agent-card.js';
export { AGENT_CARD_KEYS, CAPABILITY_KEYS, DEFAULT_ENDPOINTS, HMAC_EXTENSION_URI } from './card/agent-card.js';
export type { AgentCardOptions } from './card/build-agent-card.js';
export { buildAgentCard } from './card/build-agent-card.js';
export type { DecodeAgentCardOptions, ReceivedAgentCard } from './card/decode-agent-card.js';
export { decodeAgentCard, missingCardKeys } from './card/decode-agent-card.js';
export type { SkillInit } from './card/skill.js';
export { normalizeSkill } from './card/skill.js';
export type { TrustFeatures } from './card/trust-signals.js';
export { trustSignals } from './card/trust-signals.js';
export type { Ed25519Jwk } from './card/identity-documents.js';
export { buildDidDocument, buildJwks } from './card/identity-documents.js';

// Tasks
export type { TaskState, TransitionCell, TransitionOrigin, TransitionOutcome } from './task/task-state.js';
export { canTransition, isTaskState, isTerminalState, TASK_STATES, TERMINAL_STATES, TRANSITION_TABLE, transitionOutcome } from './task/task-state.js';
export type { Task } from './task/task.js';

// HTTP API
export type { ErrorCode } from './http/error-codes.js';
export { ERROR_CODES, httpStatusOf, isErrorCode } from './http/error-codes.js';
export type { ErrorEnvelope, ErrorExtras, HttpError } from './http/error-envelope.js';
export {
  ambiguousPeerError,
  failedReplyError,
  httpError,
  invalidRequest,
  isErrorEnvelope,
  messageTooLargeError,
  notFoundError,
  peerNotFoundError,
  replyTimeoutError,
  taskNotFoundError,
} from './http/error-envelope.js';
export { parseJsonBody } from './http/json-body.js';
export { resolveRequestParts, validatePart, validateParts } from './http/request-parts.js';
export type { MessageSendDecodeOptions, MessageSendRequest } from './http/message-send-body.js';
export { decodeMessageSendBody } from './http/message-send-body.js';
export type { PeerSendRequest } from './http/peer-send-body.js';
export { decodePeerSendBody } from './http/peer-send-body.js';
export type { ReplyRequest } from './http/reply-body.js';
export { decodeReplyBody } from './http/reply-body.js';
export type { PeersConnectRequest } from './http/peers-connect-body.js';
export { decodePeersConnectBody } from './http/peers-connect-body.js';
export type { CreateTaskRequest } from './http/create-task-body.js';
export { decodeCreateTaskBody } from './http/create-task-body.js';
export type { TaskContinueRequest, TaskUpdateRequest } from './http/task-update-body.js';
export { decodeTaskCancelBody, decodeTaskContinueBody, decodeTaskUpdateBody } from './http/task-update-body.js';
export { AVAILABILITY_KEYS, AVAILABILITY_MODES, decodeCardPatchBody, mergeAvailability } from './http/card-patch-body.js';
export type { SkillsQueryRequest } from './http/skills-query-body.js';
export { decodeSkillsQueryBody } from './http/skills-query-body.js';
export { decodeWebhookBody } from './http/webhook-body.js';
export type { LegacySendRequest, LegacySendStamp } from './http/legacy-send-body.js';
export { buildLegacySendFrame, decodeLegacySendBody } from './http/legacy-send-body.js';
export { BUILT_IN_EXTENSION_URIS, decodeExtensionRegisterBody, decodeExtensionUnregisterBody, MAX_EXTENSION_ENTRY_BYTES } from './http/extension-body.js';
export { decodeReplyWaitQuery } from './http/reply-wait-query.js';
export type { ContextMessagesQuery, MessagesQuery, TaskListQuery } from './http/list-queries.js';
export { decodeContextMessagesQuery, decodeMessagesQuery, decodeTaskListQuery } from './http/list-queries.js';
export type { InboundContext } from './http/deque-entries.js';
export { inboundMessageEntry, legacyEntry, outboundRecord } from './http/deque-entries.js';

// Event streams
export type { ArtifactEvent, EventBody, EventEnvelope, MessageEvent, PeerEvent, StatusEvent, StreamEvent } from './sse/stream-events.js';
export {
  artifactEvent,
  frameRejectedEvent,
  inboundMessageEvent,
  legacyMessageEvent,
  outboundMessageEvent,
  peerConnectedEvent,
  peerDisconnectedEvent,
  relayFallbackEvent,
  stampEvent,
  statusEvent,
} from './sse/stream-events.js';
export type { SseBlock } from './sse/sse-format.js';
export { formatSseBlock, formatSseComment, formatStreamEvent, parseSinceParam, SSE_EVENT_NAMES, SSE_HEADERS, SSE_KEEPALIVE } from './sse/sse-format.js';
export type { ParsedSseEvent, ParsedSseStream } from './sse/sse-parse.js';
export { parseSseStream } from './sse/sse-parse.js';
export type { ReplayPlan } from './sse/event-replay.js';
export { EventSequence, planReplay } from './sse/event-replay.js';
export type { WsStreamFrame } from './sse/ws-stream-frame.js';
export { toWsStreamFrame } from './sse/ws-stream-frame.js';
