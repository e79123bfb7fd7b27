import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Spawnable } from '@troupe/runtime';

/** True for what `system.spawn` takes: an Agent class, a handler function, or a behavior object. */
function isSpawnable(value: unknown): value is Spawnable {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as { receive?: unknown }).receive === 'function');
}

/** An Agent class (it has the Agent base class's static `createBehavior`) or a behavior object. */
function isAgent(value: unknown): boolean {
  if (typeof value === 'function') return 'createBehavior' in value;
  return typeof value === 'object' && value !== null && typeof (value as { receive?: unknown }).receive === 'function';
}

/** What Node 20 says about a TypeScript module, turned into what to do about it. */
function loadError(module: string, err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && ['.ts', '.mts', '.cts', '.tsx'].includes(extname(module))) {
    return new Error(`cannot load agent module ${module}: this Node (${process.version}) cannot import TypeScript; compile it first (tsc) and pass the .js file, or run the CLI under a TypeScript loader (node --import tsx <troupe.mjs> …)`);
  }
  return new Error(`cannot load agent module ${module}: ${(err as Error).message}`);
}

/**
 * Imports an agent module (a path relative to the working directory) and returns its agent: the
 * default export, else the export named `agent`, else its only Agent class or behavior (helper
 * functions beside it do not count), else its only function export. Several candidates
 * and no default is refused rather than guessed, since picking one would serve the wrong agent
 * without a word. `ignore` names exports that are not agents (such as `acp` serve options).
 *
 * @example
 * const agent = await loadAgentModule('./echo-agent.js');
 * node.system.spawn(agent, { name: 'agent' });
 */
export async function loadAgentModule(module: string, ignore: readonly string[] = []): Promise<Spawnable> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>;
  } catch (err) {
    throw loadError(module, err);
  }
  for (const name of ['default', 'agent']) if (isSpawnable(mod[name])) return mod[name];
  const exported = Object.entries(mod).filter(([name, value]) => !ignore.includes(name) && isSpawnable(value));
  const agents = exported.filter(([, value]) => isAgent(value));
  const candidates = agents.length > 0 ? agents : exported;
  const [only] = candidates;
  if (only && candidates.length === 1) return only[1] as Spawnable;
  if (candidates.length === 0) throw new Error(`${module} exports no agent: export an Agent class, a behavior or a handler function (as default or named "agent")`);
  throw new Error(`${module} exports several agents (${candidates.map(([n]) => n).join(', ')}): make one the default export or name it "agent"`);
}
