import { pipeline } from '@troupe/actors';
import type { ActorRef, ActorSystem } from '@troupe/runtime';
import { Editor, Researcher, Writer } from './agents.js';

/** The demo's agents and the pipeline over them. */
export interface DemoPipeline {
  readonly researcher: ActorRef;
  readonly writer: ActorRef;
  readonly editor: ActorRef;
  readonly flow: ActorRef;
}

/**
 * Spawns the three demo agents and the pipeline over them (`fast`: no artificial delays).
 *
 * @example
 * const { flow } = spawnDemoAgents(system, true);
 */
export function spawnDemoAgents(system: ActorSystem, fast: boolean): DemoPipeline {
  const pace = { stepMs: fast ? 0 : 250 };
  // Hosted agents are permanent: a node keeps restarting them however often they fail (issue 9.5).
  const researcher = system.spawn(Researcher.with(pace), { name: 'researcher', restart: 'permanent' });
  const writer = system.spawn(Writer.with(pace), { name: 'writer', restart: 'permanent' });
  const editor = system.spawn(Editor.with(pace), { name: 'editor', restart: 'permanent' });
  const flow = system.spawn(pipeline(researcher, writer, editor), { name: 'pipeline', restart: 'permanent' });
  return { researcher, writer, editor, flow };
}
