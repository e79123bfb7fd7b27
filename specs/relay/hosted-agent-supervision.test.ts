import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, until } from '@troupe/plugin-relay/testing';
import { CLI, startRelayProcess, type RelayProcess } from './cli-process.js';

const AGENT = fileURLToPath(new URL('./fixtures/every-third-agent.mjs', import.meta.url));

const procs: RelayProcess[] = [];
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop()));
});

describe.skipIf(!existsSync(CLI))('issue 9.5: a hosted agent is a permanent child of its `troupe relay` node', () => {
  it('issue 9.5: an agent failing on every third message keeps answering past the restart limit; failures are 502 ERR_AGENT_FAILED; /status shows its state', async () => {
    const host = await startRelayProcess(['--name', 'Host', '--port', '0', '--agent', AGENT]);
    procs.push(host);
    const caller = await startRelayProcess(['--name', 'Caller', '--port', '0', '--join', host.link]);
    procs.push(caller);
    await until(async () => (await get(caller.api, '/status')).body.peer_count === 1, 10_000, 'joined');
    expect((await get(host.api, '/status')).body.agent).toMatchObject({ name: 'relay-agent', state: 'idle' });

    // 34 messages: 11 failures, one more than the default restart intensity (10 in 60 s), and
    // an answer after the last of them.
    const outcomes: string[] = [];
    let stateAfterEleventh: string | undefined;
    for (let i = 1; i <= 34; i++) {
      const res = await post(caller.api, '/message:send', { role: 'user', text: `m${i}`, sync: true, timeout: 30 });
      if (res.status === 200) {
        outcomes.push(res.body.reply.parts.map((p: { content: string }) => p.content).join(''));
      } else {
        expect(res.status).toBe(502);
        expect(res.body).toMatchObject({ ok: false, error_code: 'ERR_AGENT_FAILED' });
        expect(res.body.error).toMatch(new RegExp(`message #${i} is a third one`));
        outcomes.push(`failed #${i}`);
        if (i === 33) stateAfterEleventh = (await get(host.api, '/status')).body.agent.state;
      }
    }
    const expected = Array.from({ length: 34 }, (_, k) => ((k + 1) % 3 === 0 ? `failed #${k + 1}` : `ok #${k + 1}`));
    expect(outcomes).toEqual(expected);
    // Past the limit it was restarting (at the backoff cap), not stopped.
    expect(stateAfterEleventh).toBe('restarting');
    const status = (await get(host.api, '/status')).body;
    expect(status.agent).toMatchObject({ name: 'relay-agent', state: 'idle' });
    expect(host.child.exitCode).toBeNull();
  }, 90_000);
});
