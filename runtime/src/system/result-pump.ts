import { isObservable, type Observable, type Subscription } from 'rxjs';
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

/**
 * Converts one emitted item (a Part or a string) into a validated Part. Anything else, including a
 * value whose inspection throws (a hostile getter or Proxy), is `TroupeError('INVALID_PART')`.
 */
export function toPart(item: unknown): Part {
  if (typeof item === 'string') return text(item);
  try {
    return assertPart(item, 'handler output');
  } catch (err) {
    throw invalidOutput(err);
  }
}

/** `INVALID_PART` for a handler output that could not even be inspected, else the error itself. */
function invalidOutput(err: unknown): TroupeError {
  if (TroupeError.is(err, 'INVALID_PART')) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new TroupeError('INVALID_PART', `handler output could not be read as a part: ${why}`, { cause: err });
}

/** What a handler result is, decided once; inspecting a hostile value throws INVALID_PART. */
type Shape = 'nothing' | 'string' | 'array' | 'observable' | 'promise' | 'async-iterable' | 'iterable' | 'object' | 'invalid';

function shapeOf(result: unknown): Shape {
  if (result === undefined) return 'nothing';
  if (typeof result === 'string') return 'string';
  if (Array.isArray(result)) return 'array';
  if (result === null || (typeof result !== 'object' && typeof result !== 'function')) return 'invalid';
  try {
    if (isObservable(result)) return 'observable';
    const r = result as { then?: unknown; [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
    if (typeof r.then === 'function') return 'promise';
    if (typeof r[Symbol.asyncIterator] === 'function') return 'async-iterable';
    if (typeof r[Symbol.iterator] === 'function') return 'iterable';
  } catch (err) {
    throw invalidOutput(err);
  }
  return typeof result === 'object' ? 'object' : 'invalid';
}

function describeValue(result: unknown): string {
  return result === null ? 'null (return undefined for no answer)' : `a ${typeof result}`;
}

/**
 * Feeds a handler's result to `target`. Synchronous forms (a string, a Part, an array or other
 * iterable of parts) finish before this returns `undefined`; a promise, Observable or async
 * iterable returns a handle and finishes through `target` later. Every emitted item is validated
 * as a Part: a bad one (of any form, at any depth, however late) ends the answer through
 * `target.error` with `TroupeError('INVALID_PART')` — never as an exception that escapes into a
 * promise or a timer, where it would end the process.
 */
export function pump(result: unknown, target: PumpTarget): PumpHandle | undefined {
  try {
    return pumpShape(shapeOf(result), result, target);
  } catch (err) {
    // Runs inside promise callbacks too (a promise's value is pumped): nothing may escape.
    target.error(err);
    return undefined;
  }
}

function pumpShape(shape: Shape, result: unknown, target: PumpTarget): PumpHandle | undefined {
  switch (shape) {
    case 'nothing':
      target.complete();
      return undefined;
    case 'string':
      target.next(text(result as string));
      target.complete();
      return undefined;
    case 'observable':
      return pumpObservable(result as Observable<unknown>, target);
    case 'promise':
      return pumpPromise(result as PromiseLike<unknown>, target);
    case 'async-iterable':
      return pumpAsyncIterable(result as AsyncIterable<unknown>, target);
    case 'array':
      return pumpArray(result as readonly unknown[], target);
    case 'iterable':
      return pumpIterator((result as Iterable<unknown>)[Symbol.iterator](), target);
    case 'object':
      target.next(toPart(result));
      target.complete();
      return undefined;
    case 'invalid':
      target.error(new TroupeError('INVALID_PART', `a handler returned ${describeValue(result)}; return text, parts, a promise, an Observable or an async iterable`));
      return undefined;
  }
}

function pumpObservable(result: Observable<unknown>, target: PumpTarget): PumpHandle | undefined {
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
  if (done) {
    sub.unsubscribe();
    return undefined;
  }
  return { cancel: () => sub?.unsubscribe() };
}

function pumpPromise(result: PromiseLike<unknown>, target: PumpTarget): PumpHandle {
  const handle: PumpHandle = {};
  // pump() reports every problem through target, so nothing can reject the chained promise.
  result.then(
    (value) => {
      const inner = pump(value, target);
      if (inner?.cancel) handle.cancel = inner.cancel;
    },
    (err: unknown) => target.error(err),
  );
  return handle;
}

function pumpAsyncIterable(result: AsyncIterable<unknown>, target: PumpTarget): PumpHandle {
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
  loop().catch((err: unknown) => {
    if (stopped) return;
    stopped = true;
    // A bad item leaves the generator suspended: close it so its finally blocks run.
    void Promise.resolve().then(() => iterator.return?.()).catch(() => {});
    target.error(err);
  });
  return {
    cancel: () => {
      stopped = true;
      void Promise.resolve().then(() => iterator.return?.()).catch(() => {});
    },
  };
}

/** What a cursor returns once its items are exhausted. */
const END: unique symbol = Symbol('troupe.end');

/**
 * Streams an array (or a generator, or any other synchronous iterable) part by part through a
 * cursor, pausing whenever the consumer's `ready` says to (a 100k-part answer must not bypass
 * back-pressure just because it came as one array). Each item is validated as it goes, like any
 * stream: a bad item fails the answer after the parts before it, and a generator that throws
 * fails it with its error. One item is pulled ahead, so the last part is not followed by a
 * pointless wait.
 */
class ItemPump {
  private stopped = false;
  private item: unknown = END;

  constructor(
    private readonly pull: () => unknown,
    private readonly close: () => void,
    private readonly target: PumpTarget,
  ) {}

  start(): PumpHandle | undefined {
    try {
      this.item = this.pull();
      if (this.run()) {
        this.target.complete();
        return undefined;
      }
    } catch (err) {
      this.fail(err);
      return undefined;
    }
    return { cancel: () => { this.stopped = true; this.close(); } };
  }

  /** Emits until done (true) or until the consumer asks to wait (false; resumes by itself). */
  private run(): boolean {
    const target = this.target;
    while (this.item !== END) {
      target.next(toPart(this.item));
      this.item = this.pull();
      const wait = this.item === END ? undefined : target.ready?.();
      if (wait) {
        wait.then(() => {
          if (!this.stopped) this.resume();
        }, (err: unknown) => this.fail(err));
        return false;
      }
    }
    return true;
  }

  private resume(): void {
    try {
      if (this.run()) this.target.complete();
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.stopped = true;
    this.close();
    this.target.error(err);
  }
}

const nothingToClose = (): void => undefined;

function pumpArray(items: readonly unknown[], target: PumpTarget): PumpHandle | undefined {
  let i = 0;
  return new ItemPump(() => (i < items.length ? items[i++] : END), nothingToClose, target).start();
}

function pumpIterator(iterator: Iterator<unknown>, target: PumpTarget): PumpHandle | undefined {
  const pull = (): unknown => {
    const step = iterator.next();
    return step.done === true ? END : step.value;
  };
  const close = (): void => {
    try {
      iterator.return?.();
    } catch {
      // A generator's finally block failing changes nothing: the answer has already ended.
    }
  };
  return new ItemPump(pull, close, target).start();
}
