// Public surface of @troupe/runtime. The test kit sits behind `@troupe/runtime/testing` and the
// MessagePack codec behind `@troupe/runtime/msgpack`; the durable lmdb store is its own package,
// `@troupe/store-lmdb`.
export { ActorSystem, createSystem } from './system/actor-system.js';
export type { SystemOptions, ShutdownOptions } from './system/actor-system.js';
export type {
  ActorContext, ActorEvent, ActorRef, AskOptions, Behavior, BehaviorFactory, Directive, HandlerResult,
  LifecycleHandle, MailboxOptions, MailboxPolicy, Origin, ReceiveFunction, RestartPolicy, SendOptions, SpawnOptions, Spawnable,
  StartContext, SupervisionOptions, SupervisionStrategy, SystemFacade,
} from './types/actor.js';
export type { Address } from './types/address.js';
export { formatAddress, parseAddress, isValidSegment, TROUPE_SCHEME } from './types/address.js';
export type { DeadLetter, DeadLetterReason } from './types/dead-letter.js';
export { nextId, randomId } from './types/ids.js';
export type { InspectionEvent, InspectionInput, InspectionType } from './types/inspection.js';
export type { Message, MessageInput, Role } from './types/message.js';
export type {
  AudioPart, DataPart, FilePart, ImagePart, Metadata, Part, PlanEntry, PlanPart, ProgressPart, ResourceLinkPart,
  ResourcePart, TextPart, ThoughtPart, ToolCallPart, ToolCallStatus,
} from './types/part.js';
export { PART_TYPES } from './types/part.js';
export { TroupeError, toError } from './types/troupe-error.js';
export type { TroupeErrorCode } from './types/troupe-error.js';
export {
  assertPart, audio, data, file, image, plan, progress, resource, resourceLink, text, textOf, thought, toMessage, toolCall,
} from './parts.js';
export { compileFlatMachine, hostMachine } from './lifecycle/lifecycle-host.js';
export type { LifecycleEvent, LifecycleHost } from './lifecycle/lifecycle-host.js';
export type { Clock, RepeatingTimer, TimerHandle } from './ports/clock.js';
export { realClock, repeatEvery, sleep, unrefTimer } from './ports/clock.js';
export type { Codec } from './ports/codec.js';
export { jsonCodec } from './ports/codec.js';
export type { Transport } from './ports/transport.js';
export { createLinkedPair } from './ports/memory-transport.js';
export { toObservable } from './ports/to-observable.js';
export type { JournalEntry, ReadOptions, Store } from './store/store.js';
export { memoryStore } from './store/memory-store.js';
export type { Connector, Plugin, PluginHost, PluginSystem } from './plugin/plugin.js';
export type { ConnectFn, ConnectTarget, ConnectTargets, RawConnectTarget } from './plugin/connect-targets.js';
export { DEFAULT_SUPERVISION, backoffDelay } from './supervision/supervision.js';
