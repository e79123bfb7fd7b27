import type { Metadata, Part } from './part.js';

/** Who speaks in a message. */
export type Role = 'user' | 'agent' | 'system';

/**
 * The one internal message model. Every plugin maps its wire messages to and from it.
 */
export interface Message {
  readonly id: string;
  readonly role: Role;
  readonly parts: readonly Part[];
  /** Address or protocol identity of the sender, when known. */
  readonly from?: string;
  /** Address or protocol identity of the receiver, when known. */
  readonly to?: string;
  /** Groups messages of one conversation (ACP session, relay context). */
  readonly conversationId?: string;
  readonly taskId?: string;
  /** Id of the message this one answers. */
  readonly replyTo?: string;
  readonly metadata?: Metadata;
}

/** What the API accepts where a message is expected: a Message, parts, one part or plain text. */
export type MessageInput = Message | readonly Part[] | Part | string;
