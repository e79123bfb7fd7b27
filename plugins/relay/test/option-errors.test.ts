import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TroupeError } from '@troupe/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMessageNow } from '../src/node/send-message.js';
import { loadOrCreateIdentity } from '../src/identity-file.js';
import { resolveConfig } from '../src/options.js';
import { startNode, type TestNode } from '@troupe/plugin-relay/testing';

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

describe('identity file errors at the caller (CONVENTIONS 17)', () => {
  it('review: an identity file that is not JSON, or not a key file, is a TroupeError INVALID_OPTIONS naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'troupe-identity-'));
    try {
      for (const [name, content] of [['garbage.key', 'not json {'], ['wrong.key', '{"scheme":"rsa"}']] as const) {
        const file = join(dir, name);
        writeFileSync(file, content);
        const error = thrown(() => loadOrCreateIdentity(file));
        expect(TroupeError.is(error, 'INVALID_OPTIONS')).toBe(true);
        expect((error as Error).message).toContain(file);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
