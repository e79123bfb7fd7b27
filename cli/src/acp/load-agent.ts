import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Spawnable } from '@troupe/runtime';
import type { AcpServeOptions } from '@troupe/plugin-stdio';
import { loadAgentModule } from '../agent-module.js';

/** What `troupe acp serve <module>` serves: the module's agent and its optional `acp` serve options. */
export interface LoadedAgent {
  readonly agent: Spawnable;
  readonly options: AcpServeOptions;
}

/**
 * The agent of a user's module (chosen as for `troupe up --agent`) and its `acp` export: serve
 * options such as modes, configOptions, onSessionOpen or authMethods.
 */
export async function loadAgent(module: string): Promise<LoadedAgent> {
  const agent = await loadAgentModule(module, ['acp']);
  // Already loaded by loadAgentModule: this import is served from the module cache.
  const mod = (await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>;
  const acp = mod['acp'];
  return { agent, options: (typeof acp === 'object' && acp !== null ? acp : {}) as AcpServeOptions };
}
