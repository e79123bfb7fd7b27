import { describe, expect, it } from 'vitest';
import { untilSignal } from '../src/until-signal.js';

/** Calls the SIGTERM listener untilSignal just added, as the signal would (other listeners untouched). */
function deliverSigterm(): void {
  const listeners = process.listeners('SIGTERM');
  (listeners[listeners.length - 1] as () => void)();
}

describe('untilSignal', () => {
  it('review: a stop that fails rejects with its error instead of ending as a clean stop', async () => {
    const failure = new Error('store flush failed');
    const stopped = untilSignal(() => Promise.reject(failure));
    deliverSigterm();
    await expect(stopped).rejects.toBe(failure);
  });

  it('review: a stop that succeeds resolves, and the signal listeners are gone', async () => {
    const before = process.listenerCount('SIGTERM');
    const stopped = untilSignal(() => Promise.resolve());
    deliverSigterm();
    await expect(stopped).resolves.toBeUndefined();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
