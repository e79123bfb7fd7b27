import type { ActorRef } from '@troupe/runtime';
import type { RunningNode } from '../node.js';

/**
 * A plugin's part of the main demo (`npm start`): brings the plugin up on its embedded defaults
 * next to the demo agents and returns lines telling a person how to reach it.
 */
export interface DemoService {
  readonly name: string;
  start(node: RunningNode, agents: { readonly flow: ActorRef; readonly editor: ActorRef }): Promise<string[]>;
}
