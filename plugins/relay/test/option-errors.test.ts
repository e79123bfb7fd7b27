import { TroupeError } from '@troupe/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMessageNow } from '../src/node/send-message.js';
import { resolveConfig } from '../src/options.js';
import { startNode, type TestNode } from './helpers.js';

const running: TestNode[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
});

/** The error `fn` throws (a test failure when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('relay errors at the caller (CONVENTIONS 17)', () => {
  it('review: contradictory options are a TroupeError INVALID_OPTIONS, not a TypeError', () => {
    for (const options of [{ hmacBody: true }, { requireSigned: true }, { secret: 's', requireSigned: true, hmacCompat: true }]) {
      const error = thrown(() => resolveConfig(options));
      expect(TroupeError.is(error, 'INVALID_OPTIONS')).toBe(true);
    }
  });

  it('review: a malformed link given to the node is a TroupeError INVALID_ADDRESS', async () => {
    const A = await startNode({ name: 'A' });
    running.push(A);
    const error = thrown(() => A.plugin.node.connect('not a link', undefined));
    expect(TroupeError.is(error, 'INVALID_ADDRESS')).toBe(true);
    expect((error as Error).message).toMatch(/not a relay link/);
  });

  it('review: a message without parts is a TroupeError INVALID_MESSAGE', async () => {
    const A = await startNode({ name: 'A' });
    running.push(A);
    const error = thrown(() => sendMessageNow(A.plugin.node, { role: 'user', parts: [] }, { peer: undefined }));
    expect(TroupeError.is(error, 'INVALID_MESSAGE')).toBe(true);
  });
});
