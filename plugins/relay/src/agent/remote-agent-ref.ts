import { Observable, Subject } from 'rxjs';
import {
  toMessage, TroupeError, type ActorEvent, type ActorRef, type AskOptions, type MessageInput, type Part, type SendOptions,
} from '@troupe/runtime';
import { replyError, type JsonValue, type WirePart } from '@troupe/protocol-relay';
import type { PeerEntry } from '../peer/peer-entry.js';
import { sendMessage } from '../node/send-message.js';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import { fromWirePart, toWireParts } from './part-mapping.js';

/**
 * An ActorRef for the agent behind a relay peer (`system.connect('acp://…')`). `tell` sends an
 * `acp.message` (queued while the peer is away); `ask` sends a synchronous request and streams
 * the parts of the `acp.reply` (§2.11); a reply that carries an agent failure (`error_code`,
 * Troupe extension) ends the ask with `TroupeError('HANDLER_FAILED')`. Unsubscribing stops waiting.
 *
 * @example
 * const remote = await system.connect('acp://127.0.0.1:7801/tok_…');
 * remote.ask('hello').subscribe((part) => console.log(part));
 */
export class RemoteAgentRef implements ActorRef {
  private readonly events = new Subject<ActorEvent>();
  readonly events$ = this.events.asObservable();

  constructor(
    private readonly node: RelayNodeApi,
    private readonly peer: PeerEntry,
  ) {}

  get address(): string {
    return this.peer.ref?.address ?? `acp-peer:${this.peer.id}`;
  }

  get name(): string {
    return this.peer.agentName ?? this.peer.name;
  }

  get state(): string {
    return this.peer.connected ? 'idle' : 'disconnected';
  }

  /** Fire-and-forget; a send the node can neither deliver nor queue is logged, not thrown. */
  tell(message: MessageInput, _options?: SendOptions): boolean {
    this.send(message).catch((error: unknown) => this.node.host.log('warn', 'relay tell failed', { peer: this.peer.id, error: String(error) }));
    return true;
  }

  async send(message: MessageInput, _options?: SendOptions): Promise<void> {
    const msg = toMessage(message);
    const out = await sendMessage(this.node, {
      role: msg.role === 'agent' ? 'agent' : 'user',
      parts: wireOf(msg.parts),
      messageId: msg.id,
      ...(msg.conversationId === undefined ? {} : { contextId: msg.conversationId }),
    }, { peer: this.peer });
    if (out.status >= 400) throw new TroupeError('SEND_FAILED', `relay send to ${this.peer.id} failed: ${errorText(out.body)}`);
  }

  ask(message: MessageInput, options?: AskOptions): Observable<Part> {
    return new Observable<Part>((subscriber) => {
      const msg = toMessage(message);
      let done = false;
      void sendMessage(this.node, {
        role: msg.role === 'agent' ? 'agent' : 'user',
        parts: wireOf(msg.parts),
        messageId: msg.id,
        sync: true,
        timeoutSeconds: (options?.timeoutMs ?? 30_000) / 1000,
        ...(msg.conversationId === undefined ? {} : { contextId: msg.conversationId }),
      }, { peer: this.peer }).then((out) => {
        if (done) return;
        const failure = out.reply === undefined ? undefined : replyError(out.reply);
        if (failure !== undefined) {
          // The remote agent failed its turn: the same error a failing local agent gives.
          subscriber.error(new TroupeError('HANDLER_FAILED', `the agent behind ${this.peer.id} failed: ${failure.message}`, { details: { errorCode: failure.code } }));
          return;
        }
        if (out.reply === undefined) {
          subscriber.error(new TroupeError(out.status === 408 ? 'ASK_TIMEOUT' : 'SEND_FAILED', `relay ask to ${this.peer.id} failed: ${errorText(out.body)}`));
          return;
        }
        const parts = out.reply.parts ?? (typeof out.reply.content === 'string' ? [{ type: 'text', content: out.reply.content }] : []);
        for (const p of parts) subscriber.next(fromWirePart(p));
        subscriber.complete();
      }, (error: unknown) => subscriber.error(error));
      return () => {
        done = true;
        if (!subscriber.closed) this.node.replies.cancel(msg.id);
      };
    });
  }
}

function wireOf(parts: readonly Part[]): WirePart[] {
  const wire = toWireParts(parts);
  return wire.length > 0 ? wire : [{ type: 'text', content: '' }];
}

function errorText(body: JsonValue): string {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof body['error'] === 'string' ? body['error'] : 'unknown error';
}
