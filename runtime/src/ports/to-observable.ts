import { Observable } from 'rxjs';
import type { Transport } from './transport.js';

/**
 * Views a transport's incoming frames as an Observable that completes on close. It takes over
 * `onmessage`/`onclose` (and `onerror`, which is forwarded to `onError` rather than erroring the
 * stream, because transport errors are not fatal). Subscribe once, before `start()`.
 *
 * @example
 * toObservable(transport).subscribe((frame) => handle(frame));
 * await transport.start();
 */
export function toObservable<Frame>(transport: Transport<Frame>, onError?: (error: Error) => void): Observable<Frame> {
  return new Observable<Frame>((subscriber) => {
    transport.onmessage = (frame) => subscriber.next(frame);
    transport.onclose = () => subscriber.complete();
    transport.onerror = (error) => onError?.(error);
    return () => {
      transport.onmessage = undefined;
      transport.onclose = undefined;
      transport.onerror = undefined;
    };
  });
}
