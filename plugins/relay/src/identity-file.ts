import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { realClock, TroupeError, type Clock } from '@troupe/runtime';
import {
  base64urlEncode, ed25519IdentityFromKeyFile, formatTimestamp, generateEd25519Identity, type Ed25519Identity,
} from '@troupe/protocol-relay';

/**
 * The node identity of `--identity [file]`: the key file is loaded when it exists (upstream's
 * format: `scheme`, `public_key`, `did`, `did_acp`, `private_key` = base64url seed, `created_at`),
 * else created with mode 600; without a file, a fresh identity for this run only. It runs before
 * any host exists, so `created_at` comes from the clock given here (default the real one). A file
 * that is not JSON or not a key file is a `TroupeError` `INVALID_OPTIONS` naming it.
 *
 * @example
 * const identity = loadOrCreateIdentity('agent-a.key');
 * relay({ name: 'AgentA', identity });
 */
export function loadOrCreateIdentity(file?: string, clock: Clock = realClock): Ed25519Identity {
  if (file === undefined) return generateEd25519Identity();
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new TroupeError('INVALID_OPTIONS', `identity file ${file}: not a JSON key file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    const loaded = ed25519IdentityFromKeyFile(parsed);
    if (!loaded.ok) throw new TroupeError('INVALID_OPTIONS', `identity file ${file}: ${loaded.error}`);
    return loaded.value;
  }
  const identity = generateEd25519Identity();
  const der = identity.privateKey.export({ format: 'der', type: 'pkcs8' });
  const content = {
    scheme: 'ed25519',
    public_key: identity.publicKey,
    did: identity.didKey,
    did_acp: identity.didAcp,
    private_key: base64urlEncode(new Uint8Array(der.subarray(der.length - 32))),
    created_at: formatTimestamp(clock.now()),
  };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return identity;
}
