import { Observable, EMPTY } from 'rxjs';
import { toMessage } from '../parts.js';
import type { ActorEvent, ActorRef, SendOptions } from '../types/actor.js';
import type { Message, MessageInput } from '../types/message.js';
import type { Part } from '../types/part.js';
import { TroupeError } from '../types/troupe-error.js';

/** A ref to an address where nothing lives: every message is a dead letter, every ask fails. */
export function deadRef(address: string, onDead: (message: Message, sender: string | undefined) => void): ActorRef {
  const fail = (): TroupeError => new TroupeError('UNKNOWN_ADDRESS', `no actor at ${address}`);
  return {
    address,
    name: address.slice(address.lastIndexOf('/') + 1),
    state: 'stopped',
    events$: EMPTY as Observable<ActorEvent>,
    tell(message: MessageInput, options?: SendOptions) {
      onDead(toMessage(message), options?.sender?.address);
      return false;
    },
    send(message: MessageInput, options?: SendOptions) {
      onDead(toMessage(message), options?.sender?.address);
      return Promise.reject(fail());
    },
    ask(message: MessageInput, options?: SendOptions) {
      const msg = toMessage(message);
      return new Observable<Part>((subscriber) => {
        onDead(msg, options?.sender?.address);
        subscriber.error(fail());
      });
    },
  };
}
