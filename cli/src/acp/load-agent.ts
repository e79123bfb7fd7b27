import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Spawnable } from '@troupe/runtime';
import type { AcpServeOptions } from '@troupe/plugin-stdio';

/** What `troupe acp serve <module>` serves: the module's agent and its optional `acp` serve options. */
export interface LoadedAgent {
  readonly agent: Spawnable;
  readonly options: AcpServeOptions;
}

/** An Agent class (it has the static `createBehavior` of `@troupe/actors`' Agent) or a behavior object. */
function isAgent(value: unknown): boolean {
  if (typeof value === 'function') return 'createBehavior' in value;
  return typeof value === 'object' && value !== null && typeof (value as { receive?: unknown }).receive === 'function';
}

const spawnable = (value: unknown): boolean => typeof value === 'function' || isAgent(value);

/**
 * Picks the agent a module exports: its default export, else its export named `agent`, else its one
 * exported Agent class or behavior. Several candidates and no default is an error naming them,
 * never a silent pick: a module exporting helpers beside two agents must say which one is served.
 *
 * @example
 * pickAgent({ Echo, Helper }, 'echo.js'); // Echo, if Echo is the only Agent class
 */
export function pickAgent(mod: Record<string, unknown>, module: string): Spawnable {
  if (spawnable(mod['default'])) return mod['default'] as Spawnable;
  if (spawnable(mod['agent'])) return mod['agent'] as Spawnable;
  const agents = Object.entries(mod).filter(([k, v]) => k !== 'acp' && k !== 'default' && isAgent(v));
  if (agents.length === 1) return (agents[0] as [string, unknown])[1] as Spawnable;
  if (agents.length === 0) {
    throw new Error(`${module} exports no agent: export an Agent class or a behavior (as the default export, as "agent", or as the module's only Agent export), or a handler function as the default export`);
  }
  throw new Error(`${module} exports ${agents.length} agents (${agents.map(([k]) => k).join(', ')}): make the one to serve the default export or name it "agent"`);
}

/**
 * Imports a user's agent module. Node 20 cannot import TypeScript: a `.ts` module that fails to load
 * gets an error that says what to do instead.
 */
export async function loadAgent(module: string): Promise<LoadedAgent> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && ['.ts', '.mts', '.cts', '.tsx'].includes(extname(module))) {
      throw new Error(`${module}: this Node (${process.version}) cannot import TypeScript; compile it first (tsc) and serve the .js file, or run the CLI under a loader, e.g. node --import tsx <troupe bin> acp serve ${module}`);
    }
    throw err;
  }
  const acp = mod['acp'];
  const options = (typeof acp === 'object' && acp !== null ? acp : {}) as AcpServeOptions;
  return { agent: pickAgent(mod, module), options };
}
