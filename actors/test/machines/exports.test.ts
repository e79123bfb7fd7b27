import { describe, expect, it } from 'vitest';
import * as entry from '@troupe/actors';
import { agentEventTypes, agentMachine } from '../../src/machines/agent-machine.js';
import { peerLinkEventTypes, peerLinkMachine } from '../../src/machines/peer-link-machine.js';
import { sessionEventTypes, sessionMachine } from '../../src/machines/session-machine.js';
import { taskEventTypes, taskMachine } from '../../src/machines/task-machine.js';

describe('@troupe/actors entry point', () => {
  it('exports the four machines and their event lists', () => {
    expect(entry).toMatchObject({
      agentMachine,
      agentEventTypes,
      sessionMachine,
      sessionEventTypes,
      peerLinkMachine,
      peerLinkEventTypes,
      taskMachine,
      taskEventTypes,
    });
  });
});
