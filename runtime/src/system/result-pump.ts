import { isObservable, type Subscription } from 'rxjs';
import { assertPart, text } from '../parts.js';
import type { Part } from '../types/part.js';
import { TroupeError } from '../types/troupe-error.js';

/** Where a handler's output goes. */
export interface PumpTarget {
  next(part: Part): void;
  complete(): void;
  error(err: unknown): void;
  /**
   * Consumer back-pressure: when it returns a promise, the next item of an async iterable is not
   * pulled until it settles. (An Observable pushes; it cannot be slowed this way.)
   */
  readonly ready?: (() => PromiseLike<void> | void) | undefined;
}

/** Returned for results that finish later; `cancel` stops consuming them (a promise cannot be stopped). */
export interface PumpHandle {
  cancel?: () => void;
}

/**
 * Marks an Observable whose every emission is already a validated Part (a local ask's stream), so
 * an actor that forwards it does not check each part again. Any `pipe()` makes a new Observable
 * without the mark, whose emissions are checked as usual.
 */
export const VALIDATED_PARTS: unique symbol = Symbol('troupe.validatedParts');

/** Converts one emitted item (a Part or a string) into a validated Part. */
export function toPart(item: unknown): Part {
  return typeof item === 'string' ? text(item) : assertPart(item, 'handler output');
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown }).then === 'function';
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * Feeds a handler's result to `target`. Synchronous forms (a string, a Part, an array of parts)
 * finish before this returns `undefined`; a promise, Observable or async iterable returns a handle
 * and finishes through `target` later. Every emitted item is validated as a Part.
 */
export function pump(result: unknown, target: PumpTarget): PumpHandle | undefined {
  if (result === undefined || result === null) {
    target.complete();
    return undefined;
  }
  if (typeof result === 'string') {
    target.next(text(result));
    target.complete();
    return undefined;
  }
  if (isObservable(result)) {
    let sub: Subscription | undefined;
    let done = false;
    const validated = (result as { [VALIDATED_PARTS]?: boolean })[VALIDATED_PARTS] === true;
    sub = result.subscribe({
      next: (item) => {
        if (done) return;
        let part: Part;
        try {
          part = validated ? (item as Part) : toPart(item);
        } catch (err) {
          // Never let an exception escape into RxJS (it would be rethrown on a timer and kill the process).
          done = true;
          sub?.unsubscribe();
          target.error(err);
          return;
        }
        target.next(part);
      },
      error: (err) => { done = true; target.error(err); },
      complete: () => { done = true; target.complete(); },
    });
    if (done) return undefined;
    return { cancel: () => sub?.unsubscribe() };
  }
  if (isPromiseLike(result)) {
    const handle: PumpHandle = {};
    result.then(
      (value) => {
        const inner = pump(value, target);
        if (inner?.cancel) handle.cancel = inner.cancel;
      },
      (err) => target.error(err),
    );
    return handle;
  }
  if (isAsyncIterable(result)) {
    const iterator = result[Symbol.asyncIterator]();
    let stopped = false;
    const loop = async (): Promise<void> => {
      for (;;) {
        const step = await iterator.next();
        if (stopped) return;
        if (step.done) break;
        target.next(toPart(step.value));
        const wait = target.ready?.();
        if (wait) await wait;
        if (stopped) return;
      }
      target.complete();
    };
    loop().catch((err) => {
      if (!stopped) target.error(err);
    });
    return {
      cancel: () => {
        stopped = true;
        void Promise.resolve(iterator.return?.()).catch(() => {});
      },
    };
  }
  if (Array.isArray(result)) return pumpArray(result as readonly unknown[], target);
  if (typeof result === 'object') {
    target.next(toPart(result));
    target.complete();
    return undefined;
  }
  target.error(new TroupeError('INVALID_PART', `a handler returned a ${typeof result}; return text, parts, a promise, an Observable or an async iterable`));
  return undefined;
}

/**
 * Streams an array part by part, pausing whenever the consumer's `ready` says to (a 100k-part
 * answer must not bypass back-pressure just because it came as one array). Each item is validated
 * as it goes, like any stream: a bad item fails the answer after the parts before it.
 */
function pumpArray(items: readonly unknown[], target: PumpTarget): PumpHandle | undefined {
  let i = 0;
  let stopped = false;
  /** Emits until done (true) or until the consumer asks to wait (false; resumes by itself). */
  const run = (): boolean => {
    while (i < items.length) {
      target.next(toPart(items[i++]));
      const wait = i < items.length ? target.ready?.() : undefined;
      if (wait) {
        wait.then(() => {
          if (stopped) return;
          try {
            if (run()) target.complete();
          } catch (err) {
            target.error(err);
          }
        }, (err: unknown) => target.error(err));
        return false;
      }
    }
    return true;
  };
  if (run()) {
    target.complete();
    return undefined;
  }
  return { cancel: () => { stopped = true; } };
}
